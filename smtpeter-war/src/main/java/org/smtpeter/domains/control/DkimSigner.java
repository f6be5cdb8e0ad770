package org.smtpeter.domains.control;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.smtpeter.domains.entity.DkimAlgorithm;

/**
 * Makes the {@code DKIM-Signature} fields (RFC 6376; Ed25519 per RFC 8463) of one outgoing copy:
 * relaxed/relaxed, the body hashed once as it streams through ({@link RelaxedBody}), and
 * {@link #SIGNED} as far as present, each instance signed and From once more than it occurs
 * (over-signing: no From can be added above it without breaking the signature). One field per
 * key; they share the body hash.
 *
 * <p>Written here rather than taken from a library: the Java DKIM libraries sign a parsed
 * Jakarta Mail message held in memory, while a copy here is pieces of the stored message that
 * must not be parsed again nor joined, and the JDK has both algorithms.
 */
public final class DkimSigner {

    /** The fields a signature covers, as far as the message has them. */
    static final List<String> SIGNED = List.of("from", "to", "cc", "subject", "date", "message-id", "mime-version",
            "content-type", "list-unsubscribe", "list-unsubscribe-post");

    private static final int LINE = 76;

    /** The body of a copy: written on demand, as often as asked. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private DkimSigner() {
    }

    /**
     * The signature fields to put above {@code head}, CRLF-terminated, or an empty array without keys.
     *
     * @param head the header section as it leaves, fields only
     * @param body the body as it leaves, from the empty line that ends the header section on
     */
    public static byte[] signatures(byte[] head, Body body, List<SigningKey> keys, Instant now) {
        return signatures(HeaderFields.parse(head), body, keys, now);
    }

    static byte[] signatures(List<HeaderFields.Field> fields, Body body, List<SigningKey> keys, Instant now) {
        if (keys.isEmpty()) {
            return new byte[0];
        }
        String bodyHash = Base64.getEncoder().encodeToString(bodyHash(body));
        StringBuilder all = new StringBuilder();
        for (SigningKey key : keys) {
            all.append(signature(fields, bodyHash, key, now.getEpochSecond())).append("\r\n");
        }
        return all.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] bodyHash(Body body) {
        RelaxedBody canonical = new RelaxedBody();
        try {
            body.writeTo(new SkipFirstLineEnd(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message to sign it", e);
        }
        return canonical.hash();
    }

    private static String signature(List<HeaderFields.Field> fields, String bodyHash, SigningKey key, long time) {
        List<String> names = new ArrayList<>();
        StringBuilder signed = new StringBuilder();
        for (String name : SIGNED) {
            List<HeaderFields.Field> instances = fields.stream().filter(field -> field.name().equals(name)).toList();
            // Bottom-up, as a verifier takes them (RFC 6376 5.4.2).
            for (int i = instances.size() - 1; i >= 0; i--) {
                names.add(name);
                signed.append(instances.get(i).relaxed()).append("\r\n");
            }
            if (name.equals("from")) {
                names.add(name); // over-signed: stands for a From that does not exist
            }
        }
        String unsigned = fold("DKIM-Signature: v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d="
                + key.domain().toLowerCase(Locale.ROOT) + "; s=" + key.selector() + "; t=" + time + "; h="
                + String.join(":", names) + "; bh=" + bodyHash + "; b=");
        signed.append(new HeaderFields.Field("dkim-signature", unsigned).relaxed());
        String b = Base64.getEncoder().encodeToString(sign(key, signed.toString().getBytes(StandardCharsets.ISO_8859_1)));
        return unsigned + foldValue(b, lastLineLength(unsigned));
    }

    private static byte[] sign(SigningKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(key.algorithm().jcaSignature());
            signature.initSign(key.key());
            // RFC 8463: Ed25519 signs the SHA-256 of the data, RSA-SHA256 hashes it itself.
            signature.update(key.algorithm() == DkimAlgorithm.ED25519 ? sha256(data) : data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + key, e);
        }
    }

    private static byte[] sha256(byte[] data) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** Folds between tags, and inside h= at colons, to keep lines short. */
    private static String fold(String field) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String token : field.split("(?<=[; :])(?! )")) {
            if (lineLength + token.length() > LINE && lineLength > 0) {
                int trailing = out.length() - 1;
                if (out.charAt(trailing) == ' ') {
                    out.setLength(trailing);
                }
                out.append("\r\n\t");
                lineLength = 1;
            }
            out.append(token);
            lineLength += token.length();
        }
        return out.toString();
    }

    /** Base64 in pieces, each continuation line starting with a tab. */
    private static String foldValue(String value, int firstLineUsed) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        int room = Math.max(8, LINE - firstLineUsed);
        while (at < value.length()) {
            int end = Math.min(value.length(), at + room);
            if (at > 0) {
                out.append("\r\n\t");
            }
            out.append(value, at, end);
            at = end;
            room = LINE - 1;
        }
        return out.toString();
    }

    private static int lastLineLength(String text) {
        return text.length() - text.lastIndexOf('\n') - 1;
    }

    /** The body starts at the empty line that ends the header section: that CRLF is not part of it. */
    private static final class SkipFirstLineEnd extends OutputStream {
        private final OutputStream out;
        private int skipped;

        SkipFirstLineEnd(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (skip((byte) b)) {
                return;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int from = offset;
            int end = offset + length;
            while (from < end && skipped < 2 && skip(bytes[from])) {
                from++;
            }
            out.write(bytes, from, end - from);
        }

        private boolean skip(byte b) {
            if (skipped == 0 && b == '\r') {
                skipped = 1;
                return true;
            }
            if (skipped <= 1 && b == '\n') {
                skipped = 2;
                return true;
            }
            skipped = 2;
            return false;
        }
    }
}
