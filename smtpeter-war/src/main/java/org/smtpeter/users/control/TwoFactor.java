package org.smtpeter.users.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.domains.control.KeyEncryption;
import org.smtpeter.users.entity.DashboardUser;
import org.smtpeter.users.entity.LoginPolicy;

/**
 * Two-factor login with an authenticator app (TOTP) and recovery codes: setting it up (a secret
 * that becomes the person's only after a code from the app proves it was scanned), checking a
 * code at login, switching it off, and each account's rule that everyone must have it. The
 * secret is stored encrypted with the key that protects DKIM keys.
 */
@Stateless
public class TwoFactor {

    static final String ISSUER = "SMTPeter relay";
    private static final int SECRET_BYTES = 20; // RFC 4226 recommends 160 bits for HMAC-SHA1

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    KeyEncryption encryption;

    @Inject
    RecoveryCodes recoveryCodes;

    @Inject
    Clock clock;

    /** A secret not yet anybody's, as the app takes it: base32 and an {@code otpauth://} URI. */
    public record Enrollment(byte[] secret, String base32, String uri) implements java.io.Serializable {
    }

    public Enrollment begin(String username) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String base32 = Base32.encode(secret);
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer="
                + URLEncoder.encode(ISSUER, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrollment(secret, base32, uri);
    }

    /**
     * Makes the enrollment's secret the person's when {@code code} is its current code.
     *
     * @return the new recovery codes, to be shown once; empty when the code is wrong (nothing changes)
     */
    public Optional<List<String>> enable(long userId, Enrollment enrollment, String code) {
        DashboardUser user = em.find(DashboardUser.class, userId);
        OptionalLong step = Totp.matchingStep(enrollment.secret(), code, Instant.now(clock));
        if (user == null || step.isEmpty()) {
            return Optional.empty();
        }
        user.twoFactor(encryption.encrypt(enrollment.secret(), context(user)));
        user.useTotpStep(step.getAsLong());
        return Optional.of(recoveryCodes.renew(user));
    }

    public void disable(long userId) {
        DashboardUser user = em.find(DashboardUser.class, userId);
        if (user != null) {
            user.twoFactor(null);
            recoveryCodes.drop(user);
        }
    }

    /** A code from the app (each accepted once) or an unused recovery code; for a person with two-factor login. */
    public boolean verify(DashboardUser user, String typed) {
        if (!user.hasTwoFactor() || typed == null || typed.isBlank()) {
            return false;
        }
        byte[] secret = encryption.decrypt(user.getTotpSecret(), context(user));
        OptionalLong step = Totp.matchingStep(secret, typed, Instant.now(clock));
        if (step.isPresent()) {
            return user.useTotpStep(step.getAsLong());
        }
        return RecoveryCodes.looksLikeOne(typed) && recoveryCodes.use(user, typed);
    }

    public boolean isRequired(Long accountId) {
        return accountId != null && Optional.ofNullable(em.find(LoginPolicy.class, accountId))
                .map(LoginPolicy::isRequireTwoFactor).orElse(false);
    }

    public void require(long accountId, boolean required) {
        LoginPolicy policy = em.find(LoginPolicy.class, accountId);
        if (policy == null) {
            em.persist(new LoginPolicy(accountId, required));
        } else {
            policy.requireTwoFactor(required);
        }
    }

    // Binds the encrypted secret to its person: a copied column does not log in as someone else.
    private static String context(DashboardUser user) {
        return "totp:" + user.getId();
    }
}
