package org.smtpeter.benchmark.throughput;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One SMTP session of the load, on a raw socket so that nothing but the protocol is measured:
 * connect, greeting, EHLO, STARTTLS, EHLO, AUTH PLAIN, then any number of MAIL, RCPT, DATA
 * transactions, then QUIT. No PIPELINING: every command waits for its reply, as most submitting
 * applications do. A reply other than the expected one ends the session with a {@link ReplyException}.
 */
final class LoadClient implements Closeable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    /** When the parts of one transaction happened, in System.nanoTime(). */
    record Timing(long mailAt, long contentAt, long repliedAt) {
    }

    /** An unexpected reply; {@link #key()} ("RCPT 451") is what the failures are counted by. */
    static final class ReplyException extends IOException {

        private final String key;

        ReplyException(String stage, String reply) {
            super(stage + ": " + reply);
            this.key = stage + " " + (reply.length() >= 3 ? reply.substring(0, 3) : reply);
        }

        String key() {
            return key;
        }
    }

    private final SmtpTarget target;
    private final byte[] replyLine = new byte[2048];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LoadClient(SmtpTarget target) {
        this.target = target;
    }

    /** Connect to AUTH done (235). */
    void open() throws IOException {
        Socket plain = new Socket();
        socket = plain;
        plain.setTcpNoDelay(true);
        plain.setSoTimeout(READ_TIMEOUT_MILLIS);
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port()), CONNECT_TIMEOUT_MILLIS);
        streams(plain);
        expect("greeting", 220, readReply());
        command("EHLO", "EHLO load.bench.test", 250);
        command("STARTTLS", "STARTTLS", 220);
        SSLSocket tls = (SSLSocket) freshTlsContext().getSocketFactory()
                .createSocket(plain, "127.0.0.1", target.port(), true);
        socket = tls;
        tls.setUseClientMode(true);
        tls.startHandshake();
        streams(tls);
        command("EHLO", "EHLO load.bench.test", 250);
        String plainAuth = "\0" + target.username() + "\0" + target.password();
        command("AUTH", "AUTH PLAIN " + Base64.getEncoder().encodeToString(plainAuth.getBytes(StandardCharsets.UTF_8)), 235);
    }

    /** One transaction; the content goes out in one flush, header lines first, then the shared body. */
    Timing send(String sender, String recipient, byte[] header, byte[] body) throws IOException {
        long mailAt = System.nanoTime();
        command("MAIL", "MAIL FROM:<" + sender + ">", 250);
        command("RCPT", "RCPT TO:<" + recipient + ">", 250);
        command("DATA", "DATA", 354);
        long contentAt = System.nanoTime();
        out.write(header);
        out.write(body);
        out.write(END_OF_DATA);
        out.flush();
        expect("end of DATA", 250, readReply());
        return new Timing(mailAt, contentAt, System.nanoTime());
    }

    /** Ends the session politely; whatever the reply, the socket is closed. */
    void quit() {
        try {
            command("QUIT", "QUIT", 221);
        } catch (IOException ignored) {
            // the messages are accepted already; a lost QUIT reply is no failure
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private void streams(Socket on) throws IOException {
        in = new BufferedInputStream(on.getInputStream(), 8 * 1024);
        // Large enough for a whole message: content is written with one flush, i.e. one write.
        out = new BufferedOutputStream(on.getOutputStream(), 32 * 1024);
    }

    private void command(String stage, String line, int expected) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.flush();
        expect(stage, expected, readReply());
    }

    private static void expect(String stage, int expected, String reply) throws ReplyException {
        if (reply.length() < 3 || !reply.startsWith(String.valueOf(expected))) {
            throw new ReplyException(stage, reply);
        }
    }

    /** The last line of a (multi-line) reply. */
    private String readReply() throws IOException {
        while (true) {
            int length = 0;
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new SocketException("connection closed by the server");
                }
                if (length < replyLine.length) {
                    replyLine[length++] = (byte) b;
                }
            }
            if (length > 0 && replyLine[length - 1] == '\r') {
                length--;
            }
            if (length < 4 || replyLine[3] != '-') {
                return new String(replyLine, 0, length, StandardCharsets.US_ASCII);
            }
        }
    }

    /**
     * A new context per session, so every session makes a full handshake: no TLS session resumption,
     * which the relay and Postfix would support differently. Any certificate is trusted: both peers
     * run with a self-signed one, and all traffic stays on 127.0.0.1.
     */
    private static SSLContext freshTlsContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS context", e);
        }
    }

    private static final class TrustAll extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
