package org.smtpeter.dashboard.control;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.statistics.control.Granularity;
import org.smtpeter.statistics.control.StatisticsRow;

/**
 * Turns statistics rows into the data of the dashboard's Chart.js charts, as JSON for a
 * {@code data-chart} attribute (the page escapes it; the script reads it with JSON.parse, so no
 * inline script is needed and the Content-Security-Policy can forbid them): three charts of the
 * whole selection, and one of a chosen count with a line per tag.
 */
public final class StatisticsCharts {

    /** One line or bar of a chart. */
    record Series(String label, ToLongFunction<StatisticsRow> value) {

        /** The name a page chooses it by: "Hard bounces" is "hard-bounces". */
        String key() {
            return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("-$", "");
        }
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

    /** What the chart per tag can count, by key, in the order of the charts above. */
    private static final Map<String, Series> MEASURES = byKey();

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final List<StatisticsRow> rows;
    private final Granularity granularity;
    private final Map<String, List<StatisticsRow>> byTag;

    public StatisticsCharts(List<StatisticsRow> rows, Granularity granularity) {
        this(rows, granularity, Map.of());
    }

    /** @param byTag each tag's rows, with the same buckets as {@code rows}, in the order to show them */
    public StatisticsCharts(List<StatisticsRow> rows, Granularity granularity, Map<String, List<StatisticsRow>> byTag) {
        this.rows = List.copyOf(rows);
        this.granularity = granularity;
        this.byTag = new LinkedHashMap<>(byTag);
    }

    public String delivery() {
        return chart(DELIVERY.stream().map(series -> dataset(series.label(), rows, series.value())));
    }

    public String bounces() {
        return chart(BOUNCES.stream().map(series -> dataset(series.label(), rows, series.value())));
    }

    public String engagement() {
        return chart(ENGAGEMENT.stream().map(series -> dataset(series.label(), rows, series.value())));
    }

    public boolean hasTags() {
        return !byTag.isEmpty();
    }

    /** A line per tag of the chosen count ({@link #measures()}' key; accepted for an unknown one). */
    public String perTag(String measure) {
        ToLongFunction<StatisticsRow> value = measure(measure).value();
        return chart(byTag.entrySet().stream().map(tag -> dataset(tag.getKey(), tag.getValue(), value)));
    }

    /** The counts a chart per tag can show: key to label, for the page's choice. */
    public static Map<String, String> measures() {
        Map<String, String> labels = new LinkedHashMap<>();
        MEASURES.forEach((key, series) -> labels.put(key, series.label()));
        return labels;
    }

    /** The label of the chosen count, for the chart's caption. */
    public static String measureLabel(String measure) {
        return measure(measure).label();
    }

    /** The bucket's start as the charts and the table label it (UTC). */
    public String label(StatisticsRow row) {
        return (granularity == Granularity.HOUR ? HOURS : DAYS).format(row.bucket());
    }

    private static Series measure(String key) {
        return MEASURES.getOrDefault(key == null ? "" : key, DELIVERY.get(0));
    }

    private static Map<String, Series> byKey() {
        Map<String, Series> measures = new LinkedHashMap<>();
        Stream.of(DELIVERY, BOUNCES, ENGAGEMENT).flatMap(List::stream).forEach(series -> measures.put(series.key(), series));
        return measures;
    }

    private static JsonObjectBuilder dataset(String label, List<StatisticsRow> series, ToLongFunction<StatisticsRow> value) {
        JsonArrayBuilder data = Jsonp.array();
        series.forEach(row -> data.add(value.applyAsLong(row)));
        return Jsonp.object().add("label", label).add("data", data);
    }

    private String chart(Stream<JsonObjectBuilder> datasets) {
        JsonArrayBuilder labels = Jsonp.array();
        rows.forEach(row -> labels.add(label(row)));
        JsonArrayBuilder all = Jsonp.array();
        datasets.forEach(all::add);
        return Jsonp.object().add("labels", labels).add("datasets", all).build().toString();
    }
}
