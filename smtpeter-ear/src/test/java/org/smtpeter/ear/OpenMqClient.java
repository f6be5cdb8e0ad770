package org.smtpeter.ear;

import java.time.Duration;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;

/**
 * A JMS client in the test JVM for the domain's embedded OpenMQ broker, as another system would
 * connect to it: queues and topics by their physical names ({@code smtpeter.events},
 * {@code smtpeter.submissions}). The client classes are the server's own
 * ({@code payara6/mq/lib/imq.jar}, put on the class path by failsafe), so they always match the broker.
 *
 * <pre>
 * try (OpenMqClient mq = relay.openMq();
 *      JMSConsumer events = mq.subscribe("smtpeter.events")) {   // subscribe before the mail goes in
 *     ... send mail ...
 *     String event = mq.receive(events, Duration.ofSeconds(30));
 * }
 * </pre>
 */
final class OpenMqClient implements AutoCloseable {

    private static final String FACTORY = "com.sun.messaging.ConnectionFactory";

    private final JMSContext context;

    private OpenMqClient(JMSContext context) {
        this.context = context;
    }

    /** Connects as OpenMQ's default user (guest) to the broker's port mapper at {@code host:port}. */
    static OpenMqClient connect(String host, int port) {
        try {
            Class<?> type = Class.forName(FACTORY);
            ConnectionFactory factory = (ConnectionFactory) type.getConstructor().newInstance();
            type.getMethod("setProperty", String.class, String.class).invoke(factory, "imqAddressList",
                    "mq://" + host + ":" + port);
            return new OpenMqClient(factory.createContext("guest", "guest"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(FACTORY + " is missing: run through Maven with -Ppayara-server, which puts "
                    + "the server's mq/lib/imq.jar on the test class path", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot configure the OpenMQ connection factory", e);
        }
    }

    /** Sends a text message to a queue. */
    void send(String queue, String text) {
        context.createProducer().send(context.createQueue(queue), text);
    }

    /** The next text message on a queue, or null when none arrives in time. */
    String receive(String queue, Duration timeout) {
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            return receive(consumer, timeout);
        }
    }

    /** A consumer of a topic: it sees what is published from now on (close it, or the client, when done). */
    JMSConsumer subscribe(String topic) {
        return context.createConsumer(context.createTopic(topic));
    }

    /** The next text message for a consumer, or null when none arrives in time. */
    String receive(JMSConsumer consumer, Duration timeout) {
        return consumer.receiveBody(String.class, timeout.toMillis());
    }

    /** The underlying JMS context, for anything else (message properties, selectors, other types). */
    JMSContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
