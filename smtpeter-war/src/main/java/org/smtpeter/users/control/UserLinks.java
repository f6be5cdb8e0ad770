package org.smtpeter.users.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.users.entity.DashboardUser;
import org.smtpeter.users.entity.UserLink;

/**
 * The links mailed to people: each carries 256 random bits that only the mail holds (the table
 * keeps their SHA-256), works until it expires, and only once. Issuing a new link of a purpose
 * ends the person's earlier ones of that purpose.
 */
@Stateless
public class UserLinks {

    private static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** @return the token to put in the link */
    public String issue(DashboardUser user, UserLink.Purpose purpose, Duration validity) {
        Instant now = Instant.now(clock);
        em.createQuery("UPDATE UserLink l SET l.usedAt = :now WHERE l.user = :user AND l.purpose = :purpose AND l.usedAt IS NULL")
                .setParameter("now", now).setParameter("user", user).setParameter("purpose", purpose).executeUpdate();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        em.persist(new UserLink(user, purpose, hash(token), now, now.plus(validity)));
        return token;
    }

    /** The link's person while the link still works; empty for an unknown, used or expired one. */
    public Optional<UserLink> usable(String token, UserLink.Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        return em.createQuery("SELECT l FROM UserLink l WHERE l.tokenHash = :hash", UserLink.class)
                .setParameter("hash", hash(token.strip())).getResultStream().findFirst()
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
