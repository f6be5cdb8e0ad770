package org.smtpeter.credentials.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;

import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.ApiToken;

/**
 * Issues, checks and revokes the accounts' REST API tokens. A token is 32 random bytes; the
 * database holds only its SHA-256, so a leaked database yields no usable token.
 */
@Stateless
public class ApiTokens {

    /** Makes tokens recognisable in logs and secret scanners. */
    static final String PREFIX = "smtpeter_";

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** A token just issued, with the one and only copy of its secret. */
    public record IssuedToken(ApiToken token, String secret) {
    }

    public IssuedToken issue(Account account, String description) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = new ApiToken(em.merge(account), hash(secret), description, Instant.now(clock));
        em.persist(token);
        return new IssuedToken(token, secret);
    }

    public List<ApiToken> list(long accountId) {
        return em.createNamedQuery(ApiToken.OF_ACCOUNT, ApiToken.class).setParameter("account", accountId)
                .getResultList();
    }

    /** The account's token with this id; empty for another account's. */
    public Optional<ApiToken> token(long accountId, long tokenId) {
        return Optional.ofNullable(em.find(ApiToken.class, tokenId)).filter(t -> t.getAccountId() == accountId);
    }

    /** @return false when the account has no such token */
    public boolean revoke(long accountId, long tokenId) {
        Optional<ApiToken> token = token(accountId, tokenId);
        token.ifPresent(em::remove);
        return token.isPresent();
    }

    /** A live token someone presented: its account, and how the audit log names its holder. */
    public record PresentedToken(long accountId, String actor) {
    }

    /** What a presented token is; empty for anything that is not a live token. */
    public Optional<PresentedToken> find(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class).setParameter("hash", hash(presented))
                .getResultStream().findFirst().map(token -> new PresentedToken(token.getAccountId(), token.actor()));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
