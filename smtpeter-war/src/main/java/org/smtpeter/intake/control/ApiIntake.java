package org.smtpeter.intake.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.SmtpCredential;
import org.smtpeter.platform.entity.UtcTimestamps;
import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;

/**
 * Accepts a message sent through the REST API as one that came by SMTP ({@link IncomingMessages}),
 * in one transaction with its Idempotency-Key: committed together, so a retried request either
 * finds the first answer or sends for the first time, never twice.
 */
@Stateless
public class ApiIntake {

    /** The listener role recorded for mail that came through the REST API. */
    public static final String ROLE = "api";
    /** How long an Idempotency-Key is remembered. */
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    IncomingMessages incoming;

    @Inject
    Clock clock;

    /** The message was stored now, or an earlier request with the same key had stored it. */
    public record Accepted(String messageId, List<String> recipients, boolean replayed) {
    }

    /** The key was used before for a different request. */
    public static class KeyReused extends Exception {
        public KeyReused() {
            super("This Idempotency-Key was used for a different request");
        }
    }

    /**
     * @param accountScope   the calling account, null for the admin (who may send as any credential)
     * @param idempotencyKey null when the request has none
     * @return empty when the credential does not exist or is not the caller's
     */
    public Optional<Accepted> accept(Long accountScope, ApiSubmission submission, String clientAddress,
                                     String idempotencyKey, String fingerprint)
            throws JmsSubmission.Rejected, KeyReused {
        Optional<SmtpCredential> found = accounts.credentialByUsername(submission.credential())
                .filter(c -> accountScope == null || c.getAccount().getId().equals(accountScope));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SmtpCredential credential = found.get();
        if (!credential.isEnabled()) {
            throw new JmsSubmission.Rejected("the SMTP credential '" + credential.getUsername() + "' is disabled");
        }
        long account = credential.getAccount().getId();
        if (idempotencyKey != null) {
            Optional<Accepted> earlier = earlier(account, idempotencyKey, fingerprint, submission);
            if (earlier.isPresent()) {
                return earlier;
            }
        }
        Client client = new Client(ROLE, clientAddress, 0, null, null, null);
        List<Recipient> recipients = submission.recipients().stream().map(r -> new Recipient(r, null, null)).toList();
        Envelope envelope = new Envelope(client, credential.getUsername(), submission.mailFrom(),
                submission.eightBit() ? "8BITMIME" : null, submission.utf8Addresses(), -1, null, null, recipients);
        String id = incoming.storeSubmitted(envelope, submission.raw(), null);
        if (idempotencyKey != null) {
            em.createNativeQuery("INSERT INTO idempotent_request (account_id, idempotency_key, fingerprint,"
                            + " message_public_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, account).setParameter(2, idempotencyKey).setParameter(3, fingerprint)
                    .setParameter(4, id).setParameter(5, UtcTimestamps.toTimestamp(Instant.now(clock)))
                    .executeUpdate();
        }
        return Optional.of(new Accepted(id, submission.recipients(), false));
    }

    /** The first answer to this key, when it is still remembered; a key older than a day is forgotten. */
    private Optional<Accepted> earlier(long account, String key, String fingerprint, ApiSubmission submission)
            throws KeyReused {
        List<?> rows = em.createNativeQuery("SELECT fingerprint, message_public_id, created_at FROM idempotent_request"
                        + " WHERE account_id = ?1 AND idempotency_key = ?2")
                .setParameter(1, account).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        Instant created = ((java.sql.Timestamp) row[2]).toLocalDateTime().toInstant(ZoneOffset.UTC);
        if (created.plus(KEY_LIFETIME).isBefore(Instant.now(clock))) {
            em.createNativeQuery("DELETE FROM idempotent_request WHERE account_id = ?1 AND idempotency_key = ?2")
                    .setParameter(1, account).setParameter(2, key).executeUpdate();
            return Optional.empty();
        }
        if (!fingerprint.equals(row[0])) {
            throw new KeyReused();
        }
        return Optional.of(new Accepted((String) row[1], submission.recipients(), true));
    }
}
