package org.smtpeter.smtp.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * The message data of one transaction, exactly as received after dot-unstuffing, with
 * CRLF line ends. The adapter has spooled it completely before the listener sees it, so
 * a listener never waits on a slow client while it holds a transaction.
 */
public interface ReceivedMessage {

    /** Size in octets. */
    long size();

    /** A fresh stream over the whole message; callers close it. */
    InputStream open() throws IOException;
}
