package org.smtpeter.dashboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

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

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
