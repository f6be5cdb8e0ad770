package org.smtpeter.smtp.protocol;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.smtpeter.smtp.api.SmtpReply;

/**
 * How long one conversation waits for its client. {@link SmtpInput} asks before every read and
 * again at every tick of the transport's read timeout, so a limit that runs out or shrinks (the
 * listeners came under stress) while the client is silent ends the wait within a tick, and the
 * exception carries the 421 that says which limit it was:
 * <ul>
 * <li>silence: the idle timeout between two reads that return data;
 * <li>a command line: the command timeout from its first octet to its end;
 * <li>a mail transaction: from MAIL FROM to the end of the message data, so that a client
 *     cannot hold a connection by trickling recipients or data;
 * <li>message data: after a grace of one idle timeout it must have averaged the minimum data
 *     rate, so one octet every few minutes does not keep DATA open (Postfix's deadline of
 *     {@code smtpd_timeout} plus the time to receive at {@code smtpd_min_data_rate}).
 * </ul>
 * One instance per conversation, used by its thread only.
 */
public final class Deadlines {

    static final SmtpReply TRANSACTION_TOO_LONG = SmtpReply.of(421, "4.4.2",
            "Mail transaction time limit exceeded; closing connection");
    static final SmtpReply DATA_TOO_SLOW = SmtpReply.of(421, "4.4.2",
            "Message data arriving too slowly; closing connection");

    private static final long NONE = Long.MIN_VALUE;

    private final Limits limits;
    private final BooleanSupplier stressed;
    private final LongSupplier nanoTime;
    private long waitingSince = NONE;
    private long lineStartedAt = NONE;
    private long transactionStartedAt = NONE;
    private long dataStartedAt = NONE;
    private long dataOctets;

    /**
     * @param stressed whether the listeners are nearly full just now; then the idle and command
     *                 timeouts shrink to {@link Limits#stressIdleTimeout()}
     */
    public Deadlines(Limits limits, BooleanSupplier stressed) {
        this(limits, stressed, System::nanoTime);
    }

    Deadlines(Limits limits, BooleanSupplier stressed, LongSupplier nanoTime) {
        this.limits = limits;
        this.stressed = stressed;
        this.nanoTime = nanoTime;
    }

    /** Only the command timeout, as {@link SmtpInput} had before the other limits. */
    static Deadlines commandTimeoutOnly(Duration commandTimeout) {
        Duration day = Duration.ofDays(1);
        return new Deadlines(new Limits(1, 1, 1, 1, 1, day, commandTimeout), () -> false);
    }

    /** A read begins: silence counts from now. */
    void waiting() {
        waitingSince = nanoTime.getAsLong();
    }

    /** Octets arrived; inside message data they count towards the data rate. */
    void received(int octets) {
        waitingSince = NONE;
        if (dataStartedAt != NONE) {
            dataOctets += octets;
        }
    }

    void lineStarted() {
        lineStartedAt = nanoTime.getAsLong();
    }

    void lineEnded() {
        lineStartedAt = NONE;
    }

    /** Whether a mail transaction is open after the last reply; its clock starts at the first. */
    void transaction(boolean open) {
        if (!open) {
            transactionStartedAt = NONE;
        } else if (transactionStartedAt == NONE) {
            transactionStartedAt = nanoTime.getAsLong();
        }
    }

    void dataStarted() {
        dataStartedAt = nanoTime.getAsLong();
        dataOctets = 0;
    }

    void dataEnded() {
        dataStartedAt = NONE;
    }

    /** @throws Expired when a limit has run out; it carries the reply to send before closing */
    void check() throws Expired {
        long now = nanoTime.getAsLong();
        boolean stress = stressed.getAsBoolean();
        if (transactionStartedAt != NONE && now - transactionStartedAt > limits.transactionTimeout().toNanos()) {
            throw new Expired(TRANSACTION_TOO_LONG);
        }
        Duration idle = limits.idleTimeout(stress);
        if (dataStartedAt != NONE && limits.minDataRate() > 0) {
            long allowed = idle.toNanos() + dataOctets * 1_000_000_000L / limits.minDataRate();
            if (now - dataStartedAt > allowed) {
                throw new Expired(DATA_TOO_SLOW);
            }
        }
        if (lineStartedAt != NONE && now - lineStartedAt > limits.commandTimeout(stress).toNanos()) {
            throw new Expired(Replies.TIMEOUT);
        }
        if (waitingSince != NONE && now - waitingSince > idle.toNanos()) {
            throw new Expired(Replies.TIMEOUT);
        }
    }

    /** A time limit ran out; the conversation sends {@link #reply()} and closes. */
    public static final class Expired extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        private final SmtpReply reply;

        Expired(SmtpReply reply) {
            super(reply.text());
            this.reply = reply;
        }

        public SmtpReply reply() {
            return reply;
        }
    }
}
