package org.smtpeter.messages.control;

/**
 * A view of part of the raw message that knows where it lies in the whole, so that a rewritten
 * part's content can be replaced and everything else copied untouched.
 */
public interface Located {

    /** Offset of this view's first byte in the whole message. */
    long start();

    /** Offset just past this view's last byte. */
    long end();

    /** The byte at {@code offset} of the whole message. */
    byte at(long offset) throws java.io.IOException;
}
