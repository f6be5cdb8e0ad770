package org.smtpeter.dashboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.smtpeter.statistics.control.Granularity;
import org.smtpeter.statistics.control.StatisticsRow;

class StatisticsChartsTest {

    private static final List<StatisticsRow> ROWS = List.of(
            new StatisticsRow(Instant.parse("2025-06-01T13:00:00Z"), 5, 4, 1, 1, 0, 3, 2, 1),
            new StatisticsRow(Instant.parse("2025-06-01T14:00:00Z"), 2, 2, 0, 0, 1, 0, 1, 0));

    @Test
    void deliveryChartHasALabelPerBucketAndASeriesPerCount() {
        JsonObject chart = parse(new StatisticsCharts(ROWS, Granularity.HOUR).delivery());
        assertEquals("[\"06-01 13:00\",\"06-01 14:00\"]", chart.getJsonArray("labels").toString());
        assertEquals("Accepted", chart.getJsonArray("datasets").getJsonObject(0).getString("label"));
        assertEquals("[5,2]", chart.getJsonArray("datasets").getJsonObject(0).getJsonArray("data").toString());
        assertEquals("[1,0]", chart.getJsonArray("datasets").getJsonObject(2).getJsonArray("data").toString());
    }

    @Test
    void bouncesAndEngagementAreChartsOfTheirOwn() {
        StatisticsCharts charts = new StatisticsCharts(ROWS, Granularity.HOUR);
        assertEquals(2, parse(charts.bounces()).getJsonArray("datasets").size());
        JsonObject engagement = parse(charts.engagement());
        assertEquals("Opens (machines)", engagement.getJsonArray("datasets").getJsonObject(1).getString("label"));
        assertEquals("[2,1]", engagement.getJsonArray("datasets").getJsonObject(1).getJsonArray("data").toString());
    }

    @Test
    void daysAreLabelledByDate() {
        StatisticsCharts charts = new StatisticsCharts(ROWS, Granularity.DAY);
        assertEquals("2025-06-01", charts.label(ROWS.get(0)));
    }

    @Test
    void aLinePerTagOfTheChosenCount() {
        Map<String, List<StatisticsRow>> byTag = new LinkedHashMap<>();
        byTag.put("spring", List.of(new StatisticsRow(ROWS.get(0).bucket(), 3, 3, 0, 0, 0, 1, 0, 1),
                new StatisticsRow(ROWS.get(1).bucket(), 0, 0, 0, 0, 0, 0, 0, 0)));
        byTag.put("news", List.of(new StatisticsRow(ROWS.get(0).bucket(), 2, 1, 1, 1, 0, 2, 2, 0),
                new StatisticsRow(ROWS.get(1).bucket(), 2, 2, 0, 0, 1, 0, 1, 0)));
        StatisticsCharts charts = new StatisticsCharts(ROWS, Granularity.HOUR, byTag);

        JsonObject clicks = parse(charts.perTag("clicks"));
        assertEquals("[\"06-01 13:00\",\"06-01 14:00\"]", clicks.getJsonArray("labels").toString());
        assertEquals("spring", clicks.getJsonArray("datasets").getJsonObject(0).getString("label"));
        assertEquals("[1,0]", clicks.getJsonArray("datasets").getJsonObject(0).getJsonArray("data").toString());
        assertEquals("news", clicks.getJsonArray("datasets").getJsonObject(1).getString("label"));
        assertEquals("[1,0]", parse(charts.perTag("hard-bounces")).getJsonArray("datasets").getJsonObject(1)
                .getJsonArray("data").toString());
        assertEquals("[2,2]", parse(charts.perTag("no-such-count")).getJsonArray("datasets").getJsonObject(1)
                .getJsonArray("data").toString(), "accepted when the count is unknown");
        assertEquals("Hard bounces", StatisticsCharts.measureLabel("hard-bounces"));
        assertEquals(List.of("accepted", "delivered", "deferred", "hard-bounces", "soft-bounces", "opens-people",
                "opens-machines", "clicks"), List.copyOf(StatisticsCharts.measures().keySet()));
        assertTrue(charts.hasTags());
        assertFalse(new StatisticsCharts(ROWS, Granularity.HOUR).hasTags());
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
