package org.smtpeter.smtp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Hands out one octet per read, optionally sleeping first: a slow or fragmenting client. */
final class TrickleInputStream extends InputStream {

    private final byte[] data;
    private final long sleepMillis;
    private int position;

    TrickleInputStream(byte[] data, long sleepMillis) {
        this.data = data;
        this.sleepMillis = sleepMillis;
    }

    @Override
    public int read() throws IOException {
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
        return position < data.length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int b = read();
        if (b < 0) {
            return -1;
        }
        buffer[offset] = (byte) b;
        return 1;
    }
}
