package org.smtpeter.tracking.control;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stateless, signed tracking tokens: nothing is stored per link, and a token that was altered in
 * any byte does not verify, so the tracking endpoints can never be used as an open redirect.
 *
 * <p>Format (version 1): URL-safe base64 without padding of {@code payload || mac}, where
 * payload is {@code 0x01, kind ('C'|'O'), varint position, varint length + UTF-8 message id,
 * varint length + UTF-8 recipient, UTF-8 target URL (the rest)} and mac is the first 16 bytes of
 * HMAC-SHA256 over the payload with the server secret. A token is therefore
 * {@code ceil(4 * (21 + |messageId| + |recipient| + |target|) / 3)} characters for positions below
 * 128 and names below 128 bytes: 168 characters for a 20-character id, a 25-character
 * address and a 60-character URL. The payload is signed, not encrypted: whoever holds the link can
 * read the recipient and the target, as they can in the message itself.
 */
@ApplicationScoped
public class TrackingTokens {

    private static final Logger LOG = Logger.getLogger(TrackingTokens.class.getName());

    private static final byte VERSION = 1;
    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits of HMAC-SHA256 is far beyond what an online guesser can try, and keeps links shorter. */
    private static final int MAC_LENGTH = 16;
    private static final int MIN_SECRET_BYTES = 16;
    /** Refuse absurd input before decoding it; real tokens carry URLs of at most a few KB. */
    static final int MAX_TOKEN_CHARS = 16_384;

    @Inject
    @ConfigProperty(name = "smtpeter.tracking.secret")
    Optional<String> configuredSecret;

    private SecretKeySpec key;

    /** For CDI; the key comes from {@code smtpeter.tracking.secret} in {@link #loadSecret()}. */
    public TrackingTokens() {
    }

    /** For tests and for callers that manage the secret themselves. */
    public TrackingTokens(String secret) {
        useSecret(secret);
    }

    @PostConstruct
    void loadSecret() {
        Optional<String> secret = configuredSecret == null ? Optional.empty()
                : configuredSecret.filter(s -> !s.isBlank());
        if (secret.isPresent()) {
            useSecret(secret.get());
        } else {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            key = new SecretKeySpec(random, ALGORITHM);
            LOG.warning("No smtpeter.tracking.secret configured; tracking links of this run stop working after a restart");
        }
    }

    private void useSecret(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("smtpeter.tracking.secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        key = new SecretKeySpec(bytes, ALGORITHM);
    }

    public String sign(TrackedLink link) {
        byte[] payload = encode(link);
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, token, payload.length, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The payload of a genuine token; empty for anything else, never an exception. */
    public Optional<TrackedLink> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // The decoder ignores unused trailing bits and accepts padding; only the canonical spelling
        // is genuine, so no character of a token can be changed without it failing.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)
                || bytes.length <= MAC_LENGTH) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - MAC_LENGTH);
        byte[] givenMac = Arrays.copyOfRange(bytes, payload.length, bytes.length);
        if (!MessageDigest.isEqual(mac(payload), givenMac)) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(payload));
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
            // Signed by us but unreadable: only possible with a future format or a bug; treat as unknown.
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] encode(TrackedLink link) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + link.target().length());
        out.write(VERSION);
        out.write(link.kind().code());
        writeVarint(out, link.position());
        writeString(out, link.messageId());
        writeString(out, link.recipient());
        out.writeBytes(link.target().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static TrackedLink decode(byte[] payload) throws CharacterCodingException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        if (in.remaining() < 2 || in.get() != VERSION) {
            throw new IllegalArgumentException("unknown token version");
        }
        TrackingKind kind = TrackingKind.of(in.get());
        int position = readVarint(in);
        String messageId = utf8(in, readVarint(in));
        String recipient = utf8(in, readVarint(in));
        String target = utf8(in, in.remaining());
        return new TrackedLink(kind, messageId, recipient, position, target);
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    /** Unsigned LEB128: one byte for values below 128. */
    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("truncated number");
            }
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("number out of range");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("number too long");
    }

    private static String utf8(ByteBuffer in, int length) throws CharacterCodingException {
        if (length > in.remaining()) {
            throw new IllegalArgumentException("truncated text");
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(slice)
                .toString();
    }
}
