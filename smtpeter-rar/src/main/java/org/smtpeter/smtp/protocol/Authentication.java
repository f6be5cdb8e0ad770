package org.smtpeter.smtp.protocol;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Login;
import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.SmtpStatistics.Count;

/**
 * The login of one session: the AUTH exchange (within the client's limit on wrong passwords),
 * asking the listener whether the credentials hold, and at each MAIL FROM whether the login still
 * stands. {@link SmtpSession} decides when AUTH may start; this class runs it to its reply.
 */
final class Authentication {

    private static final Logger LOG = Logger.getLogger(Authentication.class.getName());

    private final SmtpListener listener;
    private final AuthThrottle throttle;
    private final SmtpStatistics statistics;
    private final String role;
    private final String clientAddress;

    private Login login;
    private AuthExchange exchange;

    Authentication(SmtpListener listener, AuthThrottle throttle, SmtpStatistics statistics, String role,
                   String clientAddress) {
        this.listener = listener;
        this.throttle = throttle;
        this.statistics = statistics;
        this.role = role;
        this.clientAddress = clientAddress;
    }

    boolean isAuthenticated() {
        return login != null;
    }

    /** Whether the next line belongs to an AUTH exchange under way. */
    boolean inExchange() {
        return exchange != null;
    }

    /** The principal of the login, null without one. */
    String principal() {
        return login == null ? null : login.principal();
    }

    /** AUTH with its argument, once the session allows it. */
    Response start(String argument, Supplier<Client> client) {
        if (!throttle.tryAttempt(clientAddress)) {
            statistics.increment(role, Count.AUTH_THROTTLED);
            return Response.of(Replies.AUTH_THROTTLED);
        }
        AuthExchange.Started started = AuthExchange.start(argument);
        exchange = started.exchange();
        return step(started.step(), client);
    }

    /** The client's answer to a challenge. */
    Response next(String line, Supplier<Client> client) {
        return step(exchange.next(line), client);
    }

    private Response step(AuthExchange.Step step, Supplier<Client> client) {
        if (step instanceof AuthExchange.Challenge challenge) {
            return Response.of(challenge.reply());
        }
        exchange = null;
        if (step instanceof AuthExchange.Failure failure) {
            if (failure.reply().code() == Replies.AUTH_FAILED.code()) {
                throttle.failed(clientAddress);
                statistics.increment(role, Count.AUTH_FAILED); // a PLAIN authzid that is not the user
            } else {
                throttle.refund(clientAddress); // cancelled or malformed: no password was tried
            }
            return Response.of(failure.reply());
        }
        AuthExchange.Credentials credentials = (AuthExchange.Credentials) step;
        try {
            Optional<Login> accepted = listener.authenticate(client.get(), credentials.username(), credentials.password());
            if (accepted != null && accepted.isPresent()) {
                login = accepted.get();
                throttle.refund(clientAddress);
                statistics.increment(role, Count.AUTH_SUCCEEDED);
                return Response.of(Replies.AUTH_OK);
            }
            throttle.failed(clientAddress);
            statistics.increment(role, Count.AUTH_FAILED);
            return Response.of(Replies.AUTH_FAILED);
        } catch (RuntimeException e) {
            throttle.refund(clientAddress);
            LOG.log(Level.WARNING, "authentication check failed for a client at " + clientAddress, e);
            return Response.of(Replies.AUTH_TEMPORARY_FAILURE);
        } finally {
            credentials.clear();
        }
    }

    /** An AUTH exchange ends before a password was given: its attempt does not count. */
    void abandon() {
        if (exchange != null) {
            exchange = null;
            throttle.refund(clientAddress);
        }
    }

    /** After STARTTLS the client starts over: no login, no exchange. */
    void reset() {
        login = null;
        abandon();
    }

    /**
     * Asked at each MAIL FROM: a credential disabled, rotated or deleted since the login ends the
     * session. Null when the login stands (or there is none).
     */
    Response stillValid(Client client) {
        if (login == null) {
            return null;
        }
        try {
            if (listener.loginStillValid(client, login)) {
                return null;
            }
            login = null;
            return Response.of(Replies.LOGIN_REVOKED);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "login check failed for a client at " + clientAddress + "; answering 451", e);
            return Response.of(Replies.LISTENER_FAILED);
        }
    }
}
