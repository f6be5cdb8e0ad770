package org.smtpeter.dashboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SliceTest {

    @Test
    void oneRowMoreThanAPageMeansThereIsANextPage() {
        Slice<Integer> slice = Slice.of(rows(Slice.SIZE + 1), 1);
        assertEquals(Slice.SIZE, slice.items().size());
        assertTrue(slice.hasNext());
        assertFalse(slice.hasPrevious());
    }

    @Test
    void aFullPageWithoutTheExtraRowIsTheLast() {
        Slice<Integer> slice = Slice.of(rows(Slice.SIZE), 3);
        assertFalse(slice.hasNext());
        assertTrue(slice.hasPrevious());
    }

    @Test
    void pagesStartAtOneAndNonsenseCountsAsOne() {
        assertEquals(0, Slice.offset(1));
        assertEquals(Slice.SIZE, Slice.offset(2));
        assertEquals(0, Slice.offset(0));
        assertEquals(0, Slice.offset(-5));
        assertEquals(Slice.SIZE + 1, Slice.fetchSize());
    }

    @Test
    void anEmptyListIsAnEmptySlice() {
        assertTrue(Slice.of(List.of(), 1).isEmpty());
    }

    private static List<Integer> rows(int count) {
        return IntStream.range(0, count).boxed().toList();
    }
}
