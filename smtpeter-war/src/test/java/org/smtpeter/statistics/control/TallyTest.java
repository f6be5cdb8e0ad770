package org.smtpeter.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TallyTest {

    private static final Instant NINE = Instant.parse("2026-11-26T09:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void eachTagHasItsOwnSeriesWithEveryBucket() {
        Tally tally = new Tally(Granularity.HOUR, NINE, NOON, 5);

        tally.at("spring", Instant.parse("2026-11-26T09:15:00Z")).accepted++;
        tally.at("news", Instant.parse("2026-11-26T09:20:00Z")).accepted++;
        tally.at("spring", Instant.parse("2026-11-26T11:59:59Z")).delivered++;
        tally.at("spring", Instant.parse("2026-11-26T11:00:00Z")).hardByReason.merge("userunknown", 1L, Long::sum);

        Map<String, List<StatisticsRow>> rows = tally.rows();
        assertEquals(List.of("news", "spring"), List.copyOf(rows.keySet()), "series in the tags' order");
        List<StatisticsRow> spring = rows.get("spring");
        assertEquals(List.of(NINE, NINE.plusSeconds(3600), NINE.plusSeconds(7200)),
                spring.stream().map(StatisticsRow::bucket).toList());
        assertEquals(List.of(1L, 0L, 0L), spring.stream().map(StatisticsRow::accepted).toList());
        assertEquals(List.of(0L, 0L, 1L), spring.stream().map(StatisticsRow::delivered).toList());
        assertEquals(Map.of("userunknown", 1L), spring.get(2).hardBouncesByReason());
        assertEquals(List.of(1L, 0L, 0L), rows.get("news").stream().map(StatisticsRow::accepted).toList());
        assertEquals(List.of(0L, 0L, 0L), rows.get("news").stream().map(StatisticsRow::delivered).toList());
    }

    @Test
    void aSeriesNeverCountedIsEmptyAllThrough() {
        Tally tally = new Tally(Granularity.DAY, NINE.minusSeconds(9 * 3600), NOON.plusSeconds(86400), 1);

        List<StatisticsRow> rows = tally.rows("");

        assertEquals(2, rows.size());
        assertEquals(0, rows.stream().mapToLong(StatisticsRow::accepted).sum());
        assertEquals(Map.of(), tally.rows());
    }

    @Test
    void refusesMoreSeriesThanAsked() {
        Tally tally = new Tally(Granularity.HOUR, NINE, NOON, 2);
        tally.at("a", NINE).accepted++;
        tally.at("b", NINE).accepted++;
        tally.at("a", NINE).accepted++;

        TooManyTagsException refused = assertThrows(TooManyTagsException.class, () -> tally.at("c", NINE));
        assertEquals("The range has more than 2 tags; choose the ones to compare", refused.getMessage());
    }

    @Test
    void refusesARangeOfTooManyBuckets() {
        assertThrows(IllegalArgumentException.class, () -> new Tally(Granularity.HOUR, NINE,
                NINE.plusSeconds(3600L * (Statistics.MAX_BUCKETS + 1)), 1));
    }
}
