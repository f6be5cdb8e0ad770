package org.smtpeter.rest.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.credentials.control.PasswordHashing;
import org.smtpeter.rest.control.AdminTokenStore;
import org.smtpeter.rest.control.HashedToken;
import org.smtpeter.rest.entity.AdminTokenHash;

/**
 * The bearer token that guards the REST API. A token configured in {@code smtpeter.admin.token}
 * is used as it is. Without one, a token is generated at the first start, printed once, and only
 * its PBKDF2 hash is stored, so later starts (and a copy of the database) show nothing usable;
 * {@code smtpeter.admin.regenerate-token=true} makes and prints a new one at the next start.
 */
@Singleton
@Startup
// Checked on every API request: no container lock may serialise them (HashedToken is thread-safe).
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdminToken {

    static final String BANNER = "==================== SMTPeter REST API admin token ====================";
    static final String HOW_TO_REPLACE = "To replace it, set smtpeter.admin.token (SMTPETER_ADMIN_TOKEN), or start"
            + " once with smtpeter.admin.regenerate-token=true (SMTPETER_ADMIN_REGENERATE_TOKEN) to print a new one.";
    private static final Logger LOG = Logger.getLogger(AdminToken.class.getName());

    @Inject
    @ConfigProperty(name = "smtpeter.admin.token")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "smtpeter.admin.regenerate-token", defaultValue = "false")
    boolean regenerate;

    @Inject
    AdminTokenStore store;

    @Inject
    PasswordHashing hashing;

    private volatile Predicate<String> check = candidate -> false;

    // Not in a transaction of its own: the store commits in AdminTokenStore, so a second instance
    // racing on the same empty database fails there, where it can be caught.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void load() {
        Optional<String> token = configured.filter(t -> !t.isBlank());
        if (token.isPresent()) {
            byte[] bytes = token.get().getBytes(StandardCharsets.UTF_8);
            check = candidate -> MessageDigest.isEqual(bytes, candidate.getBytes(StandardCharsets.UTF_8));
            if (regenerate) {
                LOG.warning("smtpeter.admin.regenerate-token is ignored: smtpeter.admin.token is configured and is the token");
            }
            return;
        }
        Optional<AdminTokenHash> stored = store.stored();
        if (stored.isPresent() && !regenerate) {
            check = new HashedToken(stored.get().getHash(), hashing::verify);
            LOG.info(() -> "The REST API admin token is the one printed when it was generated, at "
                    + stored.get().getCreatedAt() + "; only its hash is stored. " + HOW_TO_REPLACE);
            return;
        }
        generate(stored.isPresent());
    }

    /** Compares in constant time (configured) or against the stored hash (generated). */
    public boolean matches(String candidate) {
        return candidate != null && check.test(candidate);
    }

    private void generate(boolean replacing) {
        String token = HashedToken.generate();
        String hash = hashing.hash(token.toCharArray());
        try {
            if (replacing) {
                store.replace(hash);
            } else {
                store.storeFirst(hash);
            }
        } catch (EJBException raced) {
            AdminTokenHash theirs = store.stored().orElseThrow(() -> raced);
            check = new HashedToken(theirs.getHash(), hashing::verify);
            LOG.log(Level.INFO, "Another instance generated the REST API admin token first and printed it", raced);
            return;
        }
        check = new HashedToken(hash, hashing::verify);
        printOnce(token, replacing);
    }

    // Printed once, by design: this is the only moment the generated token exists in clear.
    private static void printOnce(String token, boolean replacing) {
        LOG.warning(() -> String.join(System.lineSeparator(), "",
                BANNER,
                "  Token:  " + token,
                "  Use:    Authorization: Bearer <token> on /api/v1/...",
                "  Shown once; only its hash is stored." + (replacing
                        ? " The previous token no longer works. Remove smtpeter.admin.regenerate-token now,"
                                + " or every start makes a new one."
                        : ""),
                "  " + HOW_TO_REPLACE,
                "========================================================================"));
    }
}
