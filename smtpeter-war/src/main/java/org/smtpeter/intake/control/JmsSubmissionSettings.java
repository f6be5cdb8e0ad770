package org.smtpeter.intake.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JMS submission queue (a JNDI name; unset: off) and the limits a submission must keep, the
 * same keys and defaults as the SMTP listeners' ({@code smtpeter.limits.*}).
 */
@ApplicationScoped
public class JmsSubmissionSettings {

    @Inject
    @ConfigProperty(name = "smtpeter.jms.submission-queue")
    Optional<String> queue;

    @Inject
    @ConfigProperty(name = "smtpeter.limits.max-message-size", defaultValue = "36700160")
    long maxMessageSize;

    @Inject
    @ConfigProperty(name = "smtpeter.limits.max-recipients", defaultValue = "100")
    int maxRecipients;

    public boolean enabled() {
        return !queue().isEmpty();
    }

    /** @return the queue's JNDI name, empty when JMS submission is off */
    public String queue() {
        return queue.orElse("").strip();
    }

    public long maxMessageSize() {
        return maxMessageSize;
    }

    public int maxRecipients() {
        return maxRecipients;
    }
}
