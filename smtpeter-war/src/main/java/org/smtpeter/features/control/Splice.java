package org.smtpeter.features.control;

import java.util.Comparator;
import java.util.List;

import org.smtpeter.messages.control.MessageBytes;

/** Bytes {@code [start, end)} of the message are replaced by {@code replacement}. */
record Splice(long start, long end, byte[] replacement) {

    /** The splices in message order; they must not overlap. */
    static List<Splice> ordered(List<Splice> splices) {
        List<Splice> ordered = splices.stream().sorted(Comparator.comparingLong(Splice::start)).toList();
        long from = 0;
        for (Splice splice : ordered) {
            if (splice.start < from) {
                throw new IllegalStateException("overlapping rewrites");
            }
            from = splice.end;
        }
        return ordered;
    }

    /** The message with all splices applied, as one array: for tests and small messages. */
    static byte[] apply(byte[] message, List<Splice> splices) {
        return Content.spliced(MessageBytes.of(message), splices).toBytes();
    }
}
