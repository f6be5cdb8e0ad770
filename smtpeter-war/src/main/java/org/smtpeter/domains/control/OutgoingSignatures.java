package org.smtpeter.domains.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Signs an outgoing copy when its From domain is covered by one of the sending account's sender
 * domains with keys ({@link SigningKeys}); delivery calls it with the header section as it
 * leaves, after the features and with the {@code x-smtpeter-*} fields gone. Signing fails open:
 * mail whose signature cannot be made goes out unsigned, and the log says why.
 */
@ApplicationScoped
public class OutgoingSignatures {

    private static final Logger LOG = Logger.getLogger(OutgoingSignatures.class.getName());

    @Inject
    SigningKeys keys;

    /** Real time: t= is when the signature was made. */
    private final Clock clock = Clock.systemUTC();

    /**
     * The {@code DKIM-Signature} fields to put on top of {@code head}, or an empty array.
     *
     * @param accountId the sending account; null (mail of the relay's own, a deleted account's) is never signed
     */
    public byte[] signatures(Long accountId, byte[] head, DkimSigner.Body body) {
        if (accountId == null) {
            return new byte[0];
        }
        List<HeaderFields.Field> fields = HeaderFields.parse(head);
        try {
            List<SigningKey> signing = FromDomains.of(fields).flatMap(domain -> keys.covering(accountId, domain))
                    .map(SigningKeys.Registered::keys).orElse(List.of());
            return DkimSigner.signatures(fields, body, signing, Instant.now(clock));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a message of account " + accountId + " goes out unsigned", e);
            return new byte[0];
        }
    }
}
