package org.smtpeter.events.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where events go: JNDI names of the connection factory (which JMS submission uses as well) and
 * of the topic, empty when nothing is published (as on Payara Micro, which has no JMS provider).
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

}
