package org.smtpeter.features.control;

import java.util.Comparator;
import java.util.List;

/** Bytes {@code [start, end)} of the message are replaced by {@code replacement}. */
record Splice(int start, int end, byte[] replacement) {

    /** The message with all splices applied; they must not overlap. One allocation, one copy. */
    static byte[] apply(byte[] message, List<Splice> splices) {
        List<Splice> ordered = splices.stream().sorted(Comparator.comparingInt(Splice::start)).toList();
        long length = message.length;
        for (Splice splice : ordered) {
            length += splice.replacement.length - (splice.end - splice.start);
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("rewritten message too large");
        }
        byte[] result = new byte[(int) length];
        int from = 0;
        int to = 0;
        for (Splice splice : ordered) {
            if (splice.start < from) {
                throw new IllegalStateException("overlapping rewrites");
            }
            int unchanged = splice.start - from;
            System.arraycopy(message, from, result, to, unchanged);
            to += unchanged;
            System.arraycopy(splice.replacement, 0, result, to, splice.replacement.length);
            to += splice.replacement.length;
            from = splice.end;
        }
        System.arraycopy(message, from, result, to, message.length - from);
        return result;
    }
}
