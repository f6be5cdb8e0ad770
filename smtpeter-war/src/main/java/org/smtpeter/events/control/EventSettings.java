package org.smtpeter.events.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where events go and where JMS submissions come from: JNDI names, empty when the feature is off
 * (as on Payara Micro, which has no JMS provider of its own).
 */
@ApplicationScoped
public class EventSettings {

    @Inject
    @ConfigProperty(name = "smtpeter.jms.connection-factory", defaultValue = "java:comp/DefaultJMSConnectionFactory")
    String connectionFactory;

    /** MicroProfile Config treats an empty default as no value, hence Optional. */
    @Inject
    @ConfigProperty(name = "smtpeter.events.topic")
    Optional<String> topic;

    @Inject
    @ConfigProperty(name = "smtpeter.jms.submission-queue")
    Optional<String> submissionQueue;

    public String connectionFactory() {
        return connectionFactory.strip();
    }

    public boolean publishes() {
        return !topic().isEmpty();
    }

    /** @return the topic's JNDI name, empty when nothing is published */
    public String topic() {
        return topic.orElse("").strip();
    }

    public boolean takesSubmissions() {
        return !submissionQueue().isEmpty();
    }

    /** @return the queue's JNDI name, empty when JMS submission is off */
    public String submissionQueue() {
        return submissionQueue.orElse("").strip();
    }
}
