package org.smtpeter.smtp.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Notes when a write to the client began and has not returned. A blocking socket write has no
 * timeout of its own: a client that pipelines commands and never reads the replies fills the
 * socket buffers and would hold its worker for ever. The acceptor looks at the watch of each of
 * its connections once a second and closes the socket under a write that is stuck.
 */
final class WriteWatch {

    private static final long NOT_WRITING = Long.MIN_VALUE;

    private volatile long writingSince = NOT_WRITING;

    OutputStream watch(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                long started = begin();
                try {
                    out.write(b);
                } finally {
                    end(started);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                long started = begin();
                try {
                    out.write(bytes, offset, length);
                } finally {
                    end(started);
                }
            }

            @Override
            public void flush() throws IOException {
                long started = begin();
                try {
                    out.flush();
                } finally {
                    end(started);
                }
            }
        };
    }

    /** Whether a write has been blocked for longer than {@code limit} at {@code now} (nanoTime). */
    boolean stuck(long now, Duration limit) {
        long since = writingSince;
        return since != NOT_WRITING && now - since > limit.toNanos();
    }

    /** A nested write (TLS over the socket) keeps the outer start. */
    private long begin() {
        long outer = writingSince;
        if (outer == NOT_WRITING) {
            writingSince = System.nanoTime();
        }
        return outer;
    }

    private void end(long outer) {
        writingSince = outer;
    }
}
