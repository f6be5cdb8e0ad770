package org.smtpeter.smtp.adapter;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Function;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Login;
import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.SmtpReply;

/**
 * The adapter's side of the listener contract: each call borrows a message endpoint (an MDB
 * instance) for just that call, so a slow client never holds a bean. When the container
 * delivers transactionally, the call is bracketed by before/afterDelivery and a failure of
 * afterDelivery counts as a failure of the call.
 */
final class EndpointListener implements SmtpListener {

    private static final Method AUTHENTICATE = method("authenticate", Client.class, String.class, char[].class);
    private static final Method LOGIN_STILL_VALID = method("loginStillValid", Client.class, Login.class);
    private static final Method RECIPIENT = method("recipient", Envelope.class, Recipient.class);
    private static final Method DELIVER = method("deliver", Envelope.class, ReceivedMessage.class);
    private static final Method TAKES_ANY_LINE_ENDS = method("takesAnyLineEnds", Envelope.class);

    private final MessageEndpointFactory factory;

    EndpointListener(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public Optional<Login> authenticate(Client client, String username, char[] password) {
        return call(AUTHENTICATE, listener -> listener.authenticate(client, username, password));
    }

    @Override
    public boolean loginStillValid(Client client, Login login) {
        return call(LOGIN_STILL_VALID, listener -> listener.loginStillValid(client, login));
    }

    @Override
    public SmtpReply recipient(Envelope transaction, Recipient candidate) {
        return call(RECIPIENT, listener -> listener.recipient(transaction, candidate));
    }

    @Override
    public SmtpReply deliver(Envelope envelope, ReceivedMessage message) {
        return call(DELIVER, listener -> listener.deliver(envelope, message));
    }

    @Override
    public boolean takesAnyLineEnds(Envelope transaction) {
        return call(TAKES_ANY_LINE_ENDS, listener -> listener.takesAnyLineEnds(transaction));
    }

    private <T> T call(Method method, Function<SmtpListener, T> invocation) {
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (UnavailableException busy) {
            throw new ListenerUnavailableException("no message-driven bean available (raise the MDB pool size)", busy);
        }
        try {
            boolean transacted = factory.isDeliveryTransacted(method);
            if (transacted) {
                endpoint.beforeDelivery(method);
            }
            T result = invocation.apply((SmtpListener) endpoint);
            if (transacted) {
                endpoint.afterDelivery();
            }
            return result;
        } catch (NoSuchMethodException | ResourceException e) {
            throw new ListenerUnavailableException("message delivery to the endpoint failed", e);
        } finally {
            endpoint.release();
        }
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return SmtpListener.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The application could not be reached; the session answers with a 4xx. */
    static final class ListenerUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
