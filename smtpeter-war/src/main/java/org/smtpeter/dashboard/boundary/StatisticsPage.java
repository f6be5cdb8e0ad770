package org.smtpeter.dashboard.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.SmtpCredential;
import org.smtpeter.dashboard.control.StatisticsCharts;
import org.smtpeter.dashboard.control.UtcTimes;
import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.statistics.control.Granularity;
import org.smtpeter.statistics.control.Statistics;
import org.smtpeter.statistics.control.StatisticsRow;

/**
 * Backs {@code dashboard/statistics.xhtml}: per hour or per day, for everything or one account or
 * one credential, of mail with any of some tags or all, as charts (and a chart of one count with a
 * line per tag) and as a table. Read-only, so the filter is a GET form.
 */
@Named
@RequestScoped
public class StatisticsPage extends AccountScopedPage {

    /** Without a range: the last two days by the hour, or the last thirty by the day. */
    static final Duration DEFAULT_HOURS = Duration.ofHours(48);
    static final Duration DEFAULT_DAYS = Duration.ofDays(30);

    @Inject
    Statistics statistics;

    @Inject
    Accounts accounts;

    @Inject
    Clock clock;

    private Long credential;
    private String granularity = "hour";
    private String from;
    private String to;
    private String tag;
    private boolean byTag;
    private String measure = "accepted";
    private List<StatisticsRow> rows = List.of();
    private StatisticsCharts charts = new StatisticsCharts(List.of(), Granularity.HOUR);
    private List<SmtpCredential> credentials;

    /** Runs before rendering (f:viewAction), with the view parameters set. */
    public void load() {
        Granularity unit = "day".equalsIgnoreCase(granularity) ? Granularity.DAY : Granularity.HOUR;
        granularity = unit.name().toLowerCase(Locale.ROOT);
        try {
            Instant end = UtcTimes.parse(to).orElseGet(() -> unit.next(unit.bucketOf(Instant.now(clock))));
            Instant start = UtcTimes.parse(from).orElseGet(() -> end.minus(unit == Granularity.HOUR ? DEFAULT_HOURS : DEFAULT_DAYS));
            if (!start.isBefore(end)) {
                Notices.error("The range is empty: 'from' must come before 'to'.");
                return;
            }
            Long credentialOfAccount = getCredentials().stream().anyMatch(c -> c.getId().equals(credential)) ? credential : null;
            TagFilter tags = TagFilter.of(tag == null ? List.of() : List.of(tag));
            rows = statistics.series(scoped(), credentialOfAccount, tags, unit, start, end);
            charts = new StatisticsCharts(rows, unit, byTag
                    ? statistics.seriesByTag(scoped(), credentialOfAccount, tags, unit, start, end) : Map.of());
            from = UtcTimes.formatInput(start);
            to = UtcTimes.formatInput(end);
        } catch (IllegalArgumentException e) {
            Notices.error(e.getMessage());
        }
    }


    /** The chosen account's credentials; without an account there is nothing to choose from. */
    public List<SmtpCredential> getCredentials() {
        if (credentials == null) {
            credentials = scoped() == null ? List.of()
                    : accounts.find(scoped()).map(accounts::credentials).orElse(List.of());
        }
        return credentials;
    }

    /** Sums over the whole range, for the table's last row. */
    public StatisticsRow getTotals() {
        return new StatisticsRow(null,
                rows.stream().mapToLong(StatisticsRow::accepted).sum(),
                rows.stream().mapToLong(StatisticsRow::delivered).sum(),
                rows.stream().mapToLong(StatisticsRow::deferred).sum(),
                rows.stream().mapToLong(StatisticsRow::hardBounces).sum(),
                rows.stream().mapToLong(StatisticsRow::softBounces).sum(),
                rows.stream().mapToLong(StatisticsRow::humanOpens).sum(),
                rows.stream().mapToLong(StatisticsRow::machineOpens).sum(),
                rows.stream().mapToLong(StatisticsRow::clicks).sum(),
                rows.stream().mapToLong(StatisticsRow::unsubscribes).sum(),
                hardBouncesByReason());
    }

    /** One line of the split of hard bounces by reason. */
    public record ReasonCount(String reason, long count) {
    }

    /** The hard bounces of the whole range by reason, most first. */
    public List<ReasonCount> getHardBounceReasons() {
        return hardBouncesByReason().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new ReasonCount(e.getKey(), e.getValue())).toList();
    }

    private java.util.Map<String, Long> hardBouncesByReason() {
        java.util.Map<String, Long> total = new java.util.TreeMap<>();
        rows.forEach(r -> r.hardBouncesByReason().forEach((reason, n) -> total.merge(reason, n, Long::sum)));
        return total;
    }

    public List<StatisticsRow> getRows() {
        return rows;
    }

    public StatisticsCharts getCharts() {
        return charts;
    }

    public Long getCredential() {
        return credential;
    }

    public void setCredential(Long credential) {
        this.credential = credential;
    }

    public String getGranularity() {
        return granularity;
    }

    public void setGranularity(String granularity) {
        this.granularity = granularity;
    }

    /** Tags separated by commas: mail with any of them. */
    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    /** Whether to draw the chart with a line per tag. */
    public boolean isByTag() {
        return byTag;
    }

    public void setByTag(boolean byTag) {
        this.byTag = byTag;
    }

    /** What the chart per tag counts. */
    public String getMeasure() {
        return measure;
    }

    public void setMeasure(String measure) {
        this.measure = measure;
    }

    public Map<String, String> getMeasures() {
        return StatisticsCharts.measures();
    }

    public String getMeasureLabel() {
        return StatisticsCharts.measureLabel(measure);
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}
