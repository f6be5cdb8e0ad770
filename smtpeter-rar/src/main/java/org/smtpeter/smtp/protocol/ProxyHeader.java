package org.smtpeter.smtp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The PROXY protocol header (HAProxy, versions 1 and 2) that a load balancer sends before
 * anything else on a connection, naming the client it stands for. Read byte by byte, exactly the
 * header and nothing after it: TLS or SMTP follow on the same stream.
 */
public final class ProxyHeader {

    /** What version 2 starts with. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The longest version 1 line, CRLF included (the specification's limit). */
    static final int V1_MAX = 107;
    /** Version 2 may carry TLVs after the addresses; more than this is not a header we take. */
    static final int V2_MAX_LENGTH = 4096;
    private static final Pattern V4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,4}");

    private ProxyHeader() {
    }

    /** A header that is not one: the connection is closed without a word. */
    public static final class Invalid extends IOException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * @return the client's address and port, or empty when the balancer speaks for itself
     *         (v1 {@code UNKNOWN}, v2 {@code LOCAL} or an address family other than TCP over IP):
     *         then the connection's own address stands
     */
    public static Optional<InetSocketAddress> read(InputStream in) throws IOException {
        int first = next(in);
        if (first == 'P') {
            return v1(in);
        }
        if (first == V2_SIGNATURE[0]) {
            return v2(in);
        }
        throw new Invalid("no PROXY header");
    }

    private static Optional<InetSocketAddress> v1(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder("P");
        while (true) {
            int b = next(in);
            if (b == '\n') {
                break;
            }
            line.append((char) b);
            if (line.length() >= V1_MAX - 1) {
                throw new Invalid("PROXY v1 line too long");
            }
        }
        if (line.charAt(line.length() - 1) != '\r') {
            throw new Invalid("PROXY v1 line without CRLF");
        }
        String[] fields = line.substring(0, line.length() - 1).split(" ", -1);
        if (fields.length >= 2 && fields[0].equals("PROXY") && fields[1].equals("UNKNOWN")) {
            return Optional.empty();
        }
        if (fields.length != 6 || !fields[0].equals("PROXY") || !(fields[1].equals("TCP4") || fields[1].equals("TCP6"))) {
            throw new Invalid("not a PROXY v1 line: " + printable(line));
        }
        boolean v4 = fields[1].equals("TCP4");
        InetAddress source = literal(fields[2], v4);
        literal(fields[3], v4);
        int port = port(fields[4]);
        port(fields[5]);
        return Optional.of(new InetSocketAddress(source, port));
    }

    private static Optional<InetSocketAddress> v2(InputStream in) throws IOException {
        byte[] signature = new byte[V2_SIGNATURE.length];
        signature[0] = V2_SIGNATURE[0];
        readFully(in, signature, 1, signature.length - 1);
        if (!Arrays.equals(signature, V2_SIGNATURE)) {
            throw new Invalid("not a PROXY v2 signature");
        }
        int versionCommand = next(in);
        int family = next(in);
        int length = (next(in) << 8) | next(in);
        if (versionCommand >> 4 != 2 || (versionCommand & 0x0F) > 1) {
            throw new Invalid("PROXY v2 version/command " + Integer.toHexString(versionCommand));
        }
        if (length > V2_MAX_LENGTH) {
            throw new Invalid("PROXY v2 header of " + length + " bytes");
        }
        byte[] body = new byte[length];
        readFully(in, body, 0, length);
        boolean local = (versionCommand & 0x0F) == 0;
        int addressLength = switch (family) {
            case 0x11 -> 4; // TCP over IPv4
            case 0x21 -> 16; // TCP over IPv6
            default -> 0; // UNSPEC, UDP, unix sockets: not a client address we can use
        };
        if (local || addressLength == 0) {
            return Optional.empty();
        }
        if (length < 2 * addressLength + 4) {
            throw new Invalid("PROXY v2 addresses cut short");
        }
        InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(body, 0, addressLength));
        int port = ((body[2 * addressLength] & 0xFF) << 8) | (body[2 * addressLength + 1] & 0xFF);
        return Optional.of(new InetSocketAddress(source, port));
    }

    /** An address literal only: a name here must never cause a DNS lookup. */
    private static InetAddress literal(String text, boolean v4) throws Invalid {
        if (!(v4 ? V4 : V6).matcher(text).matches() || (!v4 && !text.contains(":"))) {
            throw new Invalid("not an IPv" + (v4 ? "4" : "6") + " address: " + printable(text));
        }
        if (v4) {
            byte[] octets = new byte[4];
            String[] parts = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw new Invalid("not an IPv4 address: " + text);
                }
                octets[i] = (byte) octet;
            }
            try {
                return InetAddress.getByAddress(octets);
            } catch (UnknownHostException impossible) {
                throw new Invalid("not an IPv4 address: " + text);
            }
        }
        try {
            InetAddress address = InetAddress.getByName(text); // a literal with a colon: never a lookup
            if (!(address instanceof Inet6Address)) {
                throw new Invalid("not an IPv6 address: " + text);
            }
            return address;
        } catch (UnknownHostException e) {
            throw new Invalid("not an address: " + printable(text));
        }
    }

    private static int port(String text) throws Invalid {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) > 65_535) {
            throw new Invalid("not a port: " + printable(text));
        }
        return Integer.parseInt(text);
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed in the PROXY header");
        }
        return b;
    }

    private static void readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
        if (in.readNBytes(into, offset, length) != length) {
            throw new EOFException("connection closed in the PROXY header");
        }
    }

    private static String printable(CharSequence text) {
        return new String(text.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII)
                .replaceAll("[^\\x20-\\x7E]", "?");
    }
}
