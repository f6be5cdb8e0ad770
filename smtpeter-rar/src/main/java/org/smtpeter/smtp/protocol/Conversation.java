package org.smtpeter.smtp.protocol;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives one {@link SmtpSession} over a {@link Transport}: reads lines and data, writes
 * replies, flushes when no pipelined input is waiting (RFC 2920), and performs STARTTLS.
 * Never lets an exception escape to the client: I/O failures end the connection quietly,
 * timeouts get a 421 that names the limit ({@link Deadlines}).
 */
public final class Conversation {

    private static final Logger LOG = Logger.getLogger(Conversation.class.getName());

    private final SmtpSession session;
    private final Transport transport;
    private final Limits limits;
    private final Path spoolDirectory;
    private final Deadlines deadlines;
    private SmtpInput input;
    private OutputStream output;
    private volatile boolean stopAfterTransaction;

    public Conversation(SmtpSession session, Transport transport, Limits limits, Path spoolDirectory) {
        this(session, transport, limits, spoolDirectory, () -> false);
    }

    /** @param stressed whether the listeners are nearly full just now (shorter timeouts then) */
    public Conversation(SmtpSession session, Transport transport, Limits limits, Path spoolDirectory,
                        BooleanSupplier stressed) {
        this.session = session;
        this.transport = transport;
        this.limits = limits;
        this.spoolDirectory = spoolDirectory;
        this.deadlines = new Deadlines(limits, stressed);
    }

    public void run() {
        try {
            Transport.TlsFacts tls = transport.tls();
            if (tls != null) {
                session.tlsStarted(tls.protocol(), tls.cipher());
            }
            openStreams();
            send(session.greeting());
            output.flush();
            converse();
        } catch (Deadlines.Expired expired) {
            trySend(Response.of(expired.reply()));
        } catch (SocketTimeoutException timeout) {
            trySend(session.timedOut());
        } catch (IOException gone) {
            LOG.log(Level.FINE, "connection ended", gone);
        }
    }

    /**
     * A graceful stop: a transaction under way (DATA included) goes on to its reply; the next
     * command outside a transaction is answered 421 4.3.2 and the connection closed.
     */
    public void stopAfterTransaction() {
        stopAfterTransaction = true;
    }

    /** Ends a conversation that the server must stop (adapter shutdown). */
    public void shutDown() {
        trySend(session.shuttingDown());
    }

    private void converse() throws IOException {
        while (true) {
            SmtpInput.Line line = input.readLine(limits.maxCommandLine());
            if (line == null) {
                output.flush(); // replies held back for pipelining are still owed (a half-closed client reads them)
                return;
            }
            if (stopAfterTransaction && !session.isInTransaction()) {
                send(session.shuttingDown());
                output.flush();
                return;
            }
            Response response = session.handle(line);
            deadlines.transaction(session.isInTransaction());
            send(response);
            switch (response.next()) {
                case CLOSE -> {
                    output.flush();
                    return;
                }
                case START_TLS -> startTls();
                case READ_DATA -> {
                    output.flush();
                    Response afterData = receiveData();
                    deadlines.transaction(session.isInTransaction());
                    send(afterData);
                    if (afterData.next() == Response.Next.CLOSE) {
                        output.flush();
                        return;
                    }
                    flushUnlessPipelined();
                }
                case CONTINUE -> flushUnlessPipelined();
            }
        }
    }

    private void flushUnlessPipelined() throws IOException {
        if (!input.hasBufferedInput()) {
            output.flush();
        }
    }

    private void startTls() throws IOException {
        output.flush();
        int discarded = input.discardBuffered();
        if (discarded > 0) {
            LOG.info(() -> "discarded " + discarded + " octets pipelined behind STARTTLS (RFC 3207)");
        }
        Transport.TlsFacts tls = transport.startTls();
        openStreams();
        session.tlsStarted(tls.protocol(), tls.cipher());
    }

    private Response receiveData() throws IOException {
        Spool spool = new Spool(spoolDirectory);
        deadlines.dataStarted();
        try {
            DataReader reader = new DataReader(input, limits.maxMessageSize(), limits.maxDataLine(),
                    session.dataLineEnds());
            DataReader.Outcome outcome = reader.copyTo(spool);
            spool.flush();
            return session.dataReceived(outcome, reader.reachedEnd(), spool);
        } finally {
            deadlines.dataEnded();
            spool.discard();
        }
    }

    private void openStreams() throws IOException {
        input = new SmtpInput(transport.input(), deadlines);
        output = new BufferedOutputStream(transport.output(), 8 * 1024);
    }

    private void send(Response response) throws IOException {
        for (String line : response.lines()) {
            output.write(line.getBytes(StandardCharsets.UTF_8));
            output.write('\r');
            output.write('\n');
        }
    }

    private void trySend(Response response) {
        try {
            if (output != null) {
                send(response);
                output.flush();
            }
        } catch (IOException ignored) {
            // the client is gone already; nothing more to tell it
        }
    }
}
