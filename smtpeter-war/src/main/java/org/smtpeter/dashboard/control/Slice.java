package org.smtpeter.dashboard.control;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a list, numbered from 1. The lists are asked for one row more than a page holds,
 * so whether a next page exists is known without counting.
 */
public record Slice<T>(List<T> items, int number, boolean hasNext) implements Serializable {

    public static final int SIZE = 50;

    /** @param fetched up to {@code SIZE + 1} rows read from {@link #offset(int)} on */
    public static <T> Slice<T> of(List<T> fetched, int number) {
        boolean more = fetched.size() > SIZE;
        return new Slice<>(more ? List.copyOf(fetched.subList(0, SIZE)) : List.copyOf(fetched), number, more);
    }

    /** The first row of page {@code number}; page numbers below 1 count as 1. */
    public static int offset(int number) {
        return (Math.max(number, 1) - 1) * SIZE;
    }

    /** How many rows to ask for: a page and one more. */
    public static int fetchSize() {
        return SIZE + 1;
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
