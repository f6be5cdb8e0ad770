package org.smtpeter.users.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.domains.control.KeyEncryption;
import org.smtpeter.users.entity.DashboardUser;
import org.smtpeter.users.entity.UserLink;

/**
 * The links mailed to people. A link's token is {@code <secret>.<expiry>.<signature>}: 256 random
 * bits that only the mail holds (the table keeps their SHA-256), the second it expires, and an
 * HMAC of both and the link's purpose under the relay's own key ({@link KeyEncryption#sign}).
 * A token is checked for its signature and expiry before the database is asked, so a tampered or
 * made-up link costs nothing and a row written into the table by someone else opens nothing; the
 * row then makes it work once. Issuing a new link of a purpose ends the person's earlier ones.
 */
@Stateless
public class UserLinks {

    private static final int SECRET_BYTES = 32;
    /** 128 bits of HMAC-SHA256: far beyond online guessing, and a shorter link. */
    private static final int SIGNATURE_BYTES = 16;

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    KeyEncryption keys;

    /** @return the token to put in the link */
    public String issue(DashboardUser user, UserLink.Purpose purpose, Duration validity) {
        Instant now = Instant.now(clock);
        em.createQuery("UPDATE UserLink l SET l.usedAt = :now WHERE l.user = :user AND l.purpose = :purpose AND l.usedAt IS NULL")
                .setParameter("now", now).setParameter("user", user).setParameter("purpose", purpose).executeUpdate();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String random = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = now.plus(validity);
        em.persist(new UserLink(user, purpose, hash(random), now, expires));
        String signed = random + "." + expires.getEpochSecond();
        return signed + "." + signature(purpose, signed);
    }

    private String signature(UserLink.Purpose purpose, String signed) {
        byte[] mac = keys.sign("user-link:" + purpose, signed.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, SIGNATURE_BYTES));
    }

    /** The token's secret part when its signature is ours for this purpose and it has not expired. */
    private Optional<String> genuine(String token, UserLink.Purpose purpose, Instant now) {
        String[] parts = token.strip().split("\\.");
        if (parts.length != 3 || !parts[1].matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        String signed = parts[0] + "." + parts[1];
        boolean ours = MessageDigest.isEqual(signature(purpose, signed).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        return ours && now.isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1]))) ? Optional.of(parts[0]) : Optional.empty();
    }

    /** The link's person while the link still works; empty for an unknown, used or expired one. */
    public Optional<UserLink> usable(String token, UserLink.Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        return genuine(token, purpose, now).flatMap(random -> em.createQuery(
                        "SELECT l FROM UserLink l WHERE l.tokenHash = :hash", UserLink.class)
                .setParameter("hash", hash(random)).getResultStream().findFirst())
                .filter(link -> link.isUsable(purpose, now));
    }

    /**
     * Uses the link up: its person, once; the row is locked first, so two tabs sending the same link
     * at once cannot both get through.
     */
    public Optional<DashboardUser> redeem(String token, UserLink.Purpose purpose) {
        Instant now = Instant.now(clock);
        return usable(token, purpose)
                .map(link -> em.find(UserLink.class, link.getId(), LockModeType.PESSIMISTIC_WRITE))
                .filter(link -> {
                    em.refresh(link);
                    return link.isUsable(purpose, now);
                })
                .map(link -> {
                    link.use(now);
                    return link.getUser();
                });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
