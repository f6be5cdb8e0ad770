package org.smtpeter.events.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Wakes the {@link EventPublisher} when events were committed and a topic is configured. A CDI
 * bean rather than an observer method of the publisher: a session bean's observer costs a new EJB
 * reference and a container transaction for every event, also when nothing is published.
 */
@ApplicationScoped
public class CommittedEvents {

    @Inject
    EventSettings settings;

    @Inject
    EventPublisher publisher;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailEvent event) {
        if (settings.publishes()) {
            publisher.publishSoon();
        }
    }
}
