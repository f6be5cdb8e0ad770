package org.smtpeter.dashboard.control;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToLongFunction;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.statistics.control.Granularity;
import org.smtpeter.statistics.control.StatisticsRow;

/**
 * Turns statistics rows into the data of the dashboard's three Chart.js charts, as JSON for a
 * {@code data-chart} attribute (the page escapes it; the script reads it with JSON.parse, so no
 * inline script is needed and the Content-Security-Policy can forbid them).
 */
public final class StatisticsCharts {

    /** One line or bar of a chart. */
    record Series(String label, ToLongFunction<StatisticsRow> value) {
    }

    static final List<Series> DELIVERY = List.of(
            new Series("Accepted", StatisticsRow::accepted),
            new Series("Delivered", StatisticsRow::delivered),
            new Series("Deferred", StatisticsRow::deferred));
    static final List<Series> BOUNCES = List.of(
            new Series("Hard bounces", StatisticsRow::hardBounces),
            new Series("Soft bounces", StatisticsRow::softBounces));
    static final List<Series> ENGAGEMENT = List.of(
            new Series("Opens (people)", StatisticsRow::humanOpens),
            new Series("Opens (machines)", StatisticsRow::machineOpens),
            new Series("Clicks", StatisticsRow::clicks));

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final List<StatisticsRow> rows;
    private final Granularity granularity;

    public StatisticsCharts(List<StatisticsRow> rows, Granularity granularity) {
        this.rows = List.copyOf(rows);
        this.granularity = granularity;
    }

    public String delivery() {
        return chart(DELIVERY);
    }

    public String bounces() {
        return chart(BOUNCES);
    }

    public String engagement() {
        return chart(ENGAGEMENT);
    }

    /** The bucket's start as the charts and the table label it (UTC). */
    public String label(StatisticsRow row) {
        return (granularity == Granularity.HOUR ? HOURS : DAYS).format(row.bucket());
    }

    private String chart(List<Series> series) {
        JsonArrayBuilder labels = Jsonp.array();
        rows.forEach(row -> labels.add(label(row)));
        JsonArrayBuilder datasets = Jsonp.array();
        for (Series one : series) {
            JsonArrayBuilder data = Jsonp.array();
            rows.forEach(row -> data.add(one.value().applyAsLong(row)));
            datasets.add(Jsonp.object().add("label", one.label()).add("data", data));
        }
        JsonObjectBuilder chart = Jsonp.object().add("labels", labels).add("datasets", datasets);
        return chart.build().toString();
    }
}
