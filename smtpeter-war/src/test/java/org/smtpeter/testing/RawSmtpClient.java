package org.smtpeter.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A byte-level SMTP client for what real clients must not do on purpose: pipelining exactly
 * as written, injection behind STARTTLS, hanging up mid-DATA, bare line feeds.
 */
public final class RawSmtpClient implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    public RawSmtpClient(int port) throws IOException {
        this(port, null);
    }

    public RawSmtpClient(int port, String localAddress) throws IOException {
        socket = localAddress == null
                ? new Socket("127.0.0.1", port)
                : new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true); // every write is a complete command or reply-worthy chunk
        streams();
    }

    /** How long to wait for a reply; 30 s unless set. */
    public RawSmtpClient timeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    /** Reads one whole reply (all continuation lines) and returns its last line. */
    public String reply() throws IOException {
        List<String> lines = replyLines();
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    public List<String> replyLines() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return lines;
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public String command(String line) throws IOException {
        write(line + "\r\n");
        return reply();
    }

    /** Switches to TLS after a 220 to STARTTLS; trusts any certificate (the dev one is self-signed). */
    public void startTls() throws IOException {
        socket = upgrade(socket);
        streams();
    }

    /** Greeting, EHLO, STARTTLS, EHLO, AUTH PLAIN. */
    public void login(String username, String password) throws IOException {
        secure();
        expect("235", authPlain(username, password));
    }

    /** Greeting, EHLO, STARTTLS, EHLO: ready for AUTH. */
    public void secure() throws IOException {
        expect("220", reply());
        expect("250", command("EHLO client.test"));
        expect("220", command("STARTTLS"));
        startTls();
        expect("250", command("EHLO client.test"));
    }

    /** AUTH PLAIN with an initial response; returns the reply. */
    public String authPlain(String username, String password) throws IOException {
        String plain = Base64.getEncoder().encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + plain);
    }

    /** Whether a reply has arrived and can be read without waiting (plaintext sessions). */
    public boolean hasReply() throws IOException {
        return in.ready();
    }

    /** MAIL FROM, one RCPT TO per recipient and DATA, each expected to succeed: the client may now send the message. */
    public void startData(String sender, String... recipients) throws IOException {
        expect("250", command("MAIL FROM:<" + sender + ">"));
        for (String recipient : recipients) {
            expect("250", command("RCPT TO:<" + recipient + ">"));
        }
        expect("354", command("DATA"));
    }

    public boolean isClosedByServer() throws IOException {
        return in.readLine() == null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public static void expect(String code, String reply) {
        if (reply == null || !reply.startsWith(code)) {
            throw new AssertionError("expected " + code + " but got: " + reply);
        }
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    private static Socket upgrade(Socket plain) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLSocket secured = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            secured.setUseClientMode(true);
            secured.startHandshake();
            return secured;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
