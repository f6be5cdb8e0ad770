package org.smtpeter.smtp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.SmtpReply;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.SmtpStatistics.Count;
import org.smtpeter.smtp.api.SmtpStatistics.Stage;

/**
 * The SMTP state machine of one connection, without sockets: it takes command lines and
 * the outcome of reading message data, and answers with replies and what to do next.
 * Policy (credentials, relaying, storage) is asked of the {@link SmtpListener}; the login (AUTH,
 * and at each MAIL FROM whether it still stands) is {@link Authentication}'s. A session lives at most
 * {@link Limits#maxSessionTime()}; the first command after that is answered 421. What the
 * metrics need (sessions, AUTH results, refusals, acceptances and their time) is counted here,
 * where each reply is decided.
 */
public final class SmtpSession {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());
    private static final Set<String> NOT_IMPLEMENTED = Set.of("EXPN", "ETRN", "TURN", "BDAT", "SEND", "SOML", "SAML");
    /** Browsers and proxies speaking HTTP to an SMTP port: end at once (cross-protocol defence). */
    private static final Set<String> HTTP_VERBS = Set.of("GET", "POST", "HEAD", "PUT", "CONNECT", "OPTIONS");

    private final SessionSettings settings;
    private final SmtpListener listener;
    private final String clientAddress;
    private final int clientPort;
    private final long startedAt = System.nanoTime();

    private String tlsProtocol;
    private String tlsCipher;
    private String heloName;
    private boolean extended;
    private final Authentication authentication;
    private Transaction transaction;
    /** The line-end policy for the message data of the transaction at DATA. */
    private BareLineFeeds dataLineEnds;
    private int errors;

    public SmtpSession(SessionSettings settings, SmtpListener listener, AuthThrottle authThrottle,
                       String clientAddress, int clientPort) {
        this.settings = settings;
        this.listener = listener;
        this.clientAddress = clientAddress;
        this.clientPort = clientPort;
        this.authentication = new Authentication(listener, authThrottle, settings.statistics(), settings.role().key(),
                clientAddress);
    }

    public Response greeting() {
        statistics().increment(role(), Count.SESSIONS);
        return Response.of(SmtpReply.of(220, null, settings.hostName() + " ESMTP SMTPeter relay ready"));
    }

    /** Answers one line from the client: a command, or a response inside an AUTH exchange. */
    public Response handle(SmtpInput.Line line) {
        if (System.nanoTime() - startedAt > settings.limits().maxSessionTime().toNanos()) {
            return Response.of(Replies.SESSION_TOO_LONG);
        }
        Response refused = switch (line.ending()) {
            case TOO_LONG -> Response.of(Replies.LINE_TOO_LONG);
            case BARE_LF -> settings.limits().bareLineFeeds() == BareLineFeeds.NORMALIZE
                    ? null // as Postfix's smtpd_forbid_bare_newline = normalize: the line counts as if it ended in CRLF
                    : Response.of(Replies.BARE_LINE_END);
            case CRLF -> null;
        };
        if (refused != null) {
            authentication.abandon(); // the client reads the 500 as the end of any AUTH exchange
            return countErrors(refused);
        }
        return countErrors(authentication.inExchange() ? authentication.next(line.text(), this::client)
                : command(line.text()));
    }

    /** Convenience for tests: a line as if it had arrived with CRLF. */
    public Response handle(String line) {
        return handle(new SmtpInput.Line(line, SmtpInput.Ending.CRLF));
    }

    /** TLS is up: RFC 3207 says to forget everything learnt before, and wait for a new EHLO. */
    public void tlsStarted(String protocol, String cipher) {
        this.tlsProtocol = protocol;
        this.tlsCipher = cipher;
        heloName = null;
        extended = false;
        authentication.reset();
        transaction = null;
    }

    /** The message data has been read to its end (or the client left): hand it over, then end the transaction. */
    public Response dataReceived(DataReader.Outcome outcome, ReceivedMessage message) {
        return dataReceived(outcome, outcome != DataReader.Outcome.DISCONNECTED, message);
    }

    /**
     * The message data has been read, or given up on: a refusal is answered either way, and when
     * the end of data never came the connection closes, as the client is out of step.
     */
    public Response dataReceived(DataReader.Outcome outcome, boolean reachedEnd, ReceivedMessage message) {
        Transaction finished = transaction;
        transaction = null;
        Response.Next next = reachedEnd ? Response.Next.CONTINUE : Response.Next.CLOSE;
        Response response = switch (outcome) {
            case COMPLETE -> Response.of(timedDeliver(finished, message));
            case TOO_BIG -> Response.of(Replies.MESSAGE_TOO_BIG, next);
            case LINE_TOO_LONG -> Response.of(Replies.DATA_LINE_TOO_LONG, next);
            case BARE_LINE_END -> Response.of(Replies.BARE_LINE_END_IN_DATA, next);
            case DISCONNECTED -> new Response(List.of(), Response.Next.CLOSE);
        };
        if (outcome != DataReader.Outcome.DISCONNECTED) {
            statistics().replied(role(), Stage.END_OF_DATA, response.code());
        }
        return countErrors(response);
    }

    public Response timedOut() {
        return Response.of(Replies.TIMEOUT);
    }

    public Response shuttingDown() {
        return Response.of(Replies.SHUTTING_DOWN);
    }

    public boolean isSecure() {
        return tlsProtocol != null;
    }

    public boolean isAuthenticated() {
        return authentication.isAuthenticated();
    }

    /** Whether a mail transaction is open: from an accepted MAIL FROM to the reply after the data. */
    public boolean isInTransaction() {
        return transaction != null;
    }

    private Response command(String text) {
        if (text.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 0x7f)) {
            return Response.of(Replies.INVALID_COMMAND_BYTES);
        }
        CommandLine command = CommandLine.parse(text);
        return switch (command.verb()) {
            case "EHLO" -> hello(command.argument(), true);
            case "HELO" -> hello(command.argument(), false);
            case "STARTTLS" -> startTls(command.argument());
            case "AUTH" -> auth(command.argument());
            case "MAIL" -> counted(Stage.MAIL, mail(command.argument()));
            case "RCPT" -> counted(Stage.RCPT, rcpt(command.argument()));
            case "DATA" -> counted(Stage.DATA, data(command.argument()));
            case "RSET" -> {
                transaction = null;
                yield Response.of(Replies.RESET);
            }
            case "NOOP" -> Response.of(Replies.OK);
            case "VRFY" -> Response.of(Replies.VRFY);
            case "HELP" -> Response.of(Replies.HELP);
            case "QUIT" -> Response.of(Replies.BYE, Response.Next.CLOSE);
            default -> unknown(command.verb());
        };
    }

    private Response unknown(String verb) {
        if (HTTP_VERBS.contains(verb)) {
            return Response.of(SmtpReply.of(421, "4.7.0", "This is an SMTP server; closing connection"));
        }
        if (NOT_IMPLEMENTED.contains(verb)) {
            return Response.of(Replies.notImplemented(verb));
        }
        return Response.of(Replies.UNRECOGNIZED);
    }

    private Response hello(String name, boolean ehlo) {
        if (name.isEmpty() || name.contains(" ")) {
            return Response.of(Replies.syntax(ehlo ? "Syntax: EHLO hostname" : "Syntax: HELO hostname"));
        }
        heloName = name;
        extended = ehlo;
        transaction = null;
        String greeting = settings.hostName() + " Hello " + name + " [" + clientAddress + "]";
        if (!ehlo) {
            return Response.of(SmtpReply.of(250, null, greeting));
        }
        List<String> lines = new ArrayList<>();
        lines.add(greeting);
        lines.add("PIPELINING");
        lines.add("SIZE " + settings.limits().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("DSN");
        lines.add("ENHANCEDSTATUSCODES");
        if (!isSecure() && settings.tlsAvailable()) {
            lines.add("STARTTLS");
        }
        if (isSecure()) {
            lines.add("AUTH PLAIN LOGIN");
        }
        List<String> reply = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            reply.add("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
        }
        return new Response(reply, Response.Next.CONTINUE);
    }

    private Response startTls(String argument) {
        if (!argument.isEmpty()) {
            return Response.of(Replies.syntax("Syntax: STARTTLS"));
        }
        if (isSecure()) {
            return Response.of(Replies.ALREADY_SECURE);
        }
        if (!settings.tlsAvailable()) {
            return Response.of(Replies.TLS_UNAVAILABLE);
        }
        return Response.of(Replies.READY_FOR_TLS, Response.Next.START_TLS);
    }

    private Response auth(String argument) {
        if (!isSecure()) {
            return Response.of(Replies.ENCRYPTION_REQUIRED);
        }
        if (heloName == null) {
            return Response.of(Replies.NEED_EHLO);
        }
        if (authentication.isAuthenticated()) {
            return Response.of(Replies.ALREADY_AUTHENTICATED);
        }
        if (transaction != null) {
            return Response.of(Replies.AUTH_IN_TRANSACTION);
        }
        return authentication.start(argument, this::client);
    }

    private Response mail(String argument) {
        if (heloName == null) {
            return Response.of(Replies.NEED_EHLO);
        }
        if (transaction != null) {
            return Response.of(Replies.NESTED_MAIL);
        }
        Response revoked = authentication.stillValid(client());
        if (revoked != null) {
            return revoked;
        }
        try {
            PathArgument from = PathArgument.parse(argument, "FROM", true);
            if (!extended && !from.parameters().isEmpty()) {
                return Response.of(Replies.syntax("Parameters need EHLO"));
            }
            transaction = Transaction.begin(from, settings.limits().maxMessageSize());
            return Response.of(Replies.SENDER_OK);
        } catch (InvalidCommandException invalid) {
            return Response.of(invalid.reply());
        }
    }

    private Response rcpt(String argument) {
        if (transaction == null) {
            return Response.of(Replies.NEED_MAIL);
        }
        Recipient candidate;
        try {
            candidate = transaction.recipient(PathArgument.parse(argument, "TO", false));
        } catch (InvalidCommandException invalid) {
            return Response.of(invalid.reply());
        }
        if (transaction.hasRecipient(candidate.address())) {
            return Response.of(Replies.DUPLICATE_RECIPIENT);
        }
        if (transaction.recipientCount() >= settings.limits().maxRecipients()) {
            return Response.of(Replies.TOO_MANY_RECIPIENTS);
        }
        SmtpReply decision = ask(() -> listener.recipient(transaction.envelope(client(), principal()), candidate));
        if (decision.isPositive()) {
            transaction.add(candidate);
        }
        return Response.of(decision);
    }

    private Response data(String argument) {
        if (!argument.isEmpty()) {
            return Response.of(Replies.syntax("Syntax: DATA"));
        }
        if (transaction == null) {
            return Response.of(Replies.NEED_MAIL);
        }
        if (transaction.recipientCount() == 0) {
            return Response.of(SmtpReply.of(554, "5.5.1", "No valid recipients"));
        }
        dataLineEnds = settings.limits().bareLineFeeds() == BareLineFeeds.REJECT && takesAnyLineEnds()
                ? BareLineFeeds.NORMALIZE : settings.limits().bareLineFeeds();
        return Response.of(Replies.START_DATA, Response.Next.READ_DATA);
    }

    /** Hands the message over; the time until the reply is the acceptance time of the metrics. */
    private SmtpReply timedDeliver(Transaction finished, ReceivedMessage message) {
        long started = System.nanoTime();
        SmtpReply reply = ask(() -> listener.deliver(finished.envelope(client(), principal()), message));
        if (reply.code() < 300) {
            statistics().acceptanceTime(role(), System.nanoTime() - started);
        }
        return reply;
    }

    private Response counted(Stage stage, Response response) {
        statistics().replied(role(), stage, response.code());
        return response;
    }

    private SmtpStatistics statistics() {
        return settings.statistics();
    }

    private String role() {
        return settings.role().key();
    }

    /** The line-end policy for the message data now being read (the listener may relax it per transaction). */
    public BareLineFeeds dataLineEnds() {
        return dataLineEnds != null ? dataLineEnds : settings.limits().bareLineFeeds();
    }

    private boolean takesAnyLineEnds() {
        try {
            return listener.takesAnyLineEnds(transaction.envelope(client(), principal()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener failed to say how it takes line ends; keeping the configured policy", e);
            return false;
        }
    }

    /** Asks the listener; its failures become 451 so that nothing is ever acknowledged by mistake. */
    private SmtpReply ask(java.util.function.Supplier<SmtpReply> call) {
        try {
            SmtpReply reply = call.get();
            if (reply == null) {
                LOG.warning("listener returned no reply; answering 451");
                return Replies.LISTENER_FAILED;
            }
            return reply;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener failed for a client at " + clientAddress + "; answering 451", e);
            return Replies.LISTENER_FAILED;
        }
    }

    private String principal() {
        return authentication.principal();
    }

    private Client client() {
        return new Client(settings.role().key(), clientAddress, clientPort, heloName, tlsProtocol, tlsCipher);
    }

    private Response countErrors(Response response) {
        int code = response.code();
        if (code < 400 || response.next() == Response.Next.CLOSE) {
            return response;
        }
        errors++;
        if (errors >= settings.limits().maxErrors()) {
            return response.thenClose(Replies.TOO_MANY_ERRORS);
        }
        return response;
    }
}
