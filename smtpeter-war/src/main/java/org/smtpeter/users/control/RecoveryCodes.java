package org.smtpeter.users.control;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.users.entity.DashboardUser;
import org.smtpeter.users.entity.RecoveryCode;

/**
 * Ten recovery codes per person with two-factor login, each 50 random bits written as two groups
 * of five letters and digits; shown once, kept as SHA-256 (enough for random codes: there is
 * nothing to guess from), and each logs in once.
 */
@Stateless
public class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Replaces the person's codes with new ones and returns them, the only time they are readable. */
    public List<String> renew(DashboardUser user) {
        drop(user);
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String code = group() + "-" + group();
            codes.add(code);
            em.persist(new RecoveryCode(user, UserLinks.hash(normalized(code))));
        }
        return codes;
    }

    /** Uses up one of the person's unused codes; false when {@code typed} is none of them. */
    public boolean use(DashboardUser user, String typed) {
        String hash = UserLinks.hash(normalized(typed));
        Instant now = Instant.now(clock);
        return em.createQuery("SELECT c FROM RecoveryCode c WHERE c.user = :user AND c.codeHash = :hash AND c.usedAt IS NULL",
                        RecoveryCode.class)
                .setParameter("user", user).setParameter("hash", hash).getResultStream().findFirst()
                .map(code -> {
                    code.use(now);
                    return true;
                }).orElse(false);
    }

    public long unused(DashboardUser user) {
        return em.createQuery("SELECT COUNT(c) FROM RecoveryCode c WHERE c.user = :user AND c.usedAt IS NULL", Long.class)
                .setParameter("user", user).getSingleResult();
    }

    public void drop(DashboardUser user) {
        em.createQuery("DELETE FROM RecoveryCode c WHERE c.user = :user").setParameter("user", user).executeUpdate();
    }

    static boolean looksLikeOne(String typed) {
        return typed != null && normalized(typed).length() == 10;
    }

    private static String normalized(String typed) {
        return typed == null ? "" : typed.strip().replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private String group() {
        StringBuilder group = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            group.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return group.toString();
    }
}
