package org.smtpeter.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Clients submitting mail without pause, as an application behind a load balancer would: each
 * connection STARTTLS + AUTH, then message after message; a connection that breaks or is refused
 * goes on at the next relay. Every message has a recipient of its own ({@code fast-<n>} or, every
 * {@code slowEvery}-th, {@code slow-<n>}, which the {@link SmtpSink} takes long to accept), so
 * that what the sink receives can be matched with what was acknowledged.
 */
public final class MailLoad implements AutoCloseable {

    private final TestCredential credential;
    private final List<IntSupplier> ports;
    private final int slowEvery;
    private final String prefix = "l" + Long.toString(System.nanoTime(), 36);
    private final AtomicInteger next = new AtomicInteger();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Sent up to the final dot without a reply: the relay may or may not have committed them. */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final List<String> brokenBy = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile long pauseMillis;

    /** What {@link #refusals()} counts for a relay whose port is closed (not an SMTP answer). */
    public static final String NOT_LISTENING = "not listening";
    /** What {@link #refusals()} counts for a connection that broke without a reply. */
    public static final String BROKEN = "broken";

    /** @param ports the submission ports of the relays, asked again at each connection */
    public MailLoad(TestCredential credential, List<IntSupplier> ports, int slowEvery) {
        this.credential = credential;
        this.ports = List.copyOf(ports);
        this.slowEvery = slowEvery;
    }

    /**
     * Each client waits this long after each message: load that leaves a two-core machine room to
     * start a relay beside the running ones (unpaced, the clients take every core).
     */
    public MailLoad paced(java.time.Duration pause) {
        this.pauseMillis = pause.toMillis();
        return this;
    }

    /** Starts {@code connections} clients, spread over the relays. */
    public MailLoad start(int connections) {
        for (int i = 0; i < connections; i++) {
            int first = i;
            Thread thread = new Thread(() -> submit(first), "mail-load-" + i);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    /** Stops the clients after their current message. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    /** The recipients of every message a relay answered with 250. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    public Set<String> unanswered() {
        return Set.copyOf(unanswered);
    }

    /** Each reply other than 250 to a message or a login, by its code, and {@link #BROKEN} and {@link #NOT_LISTENING}. */
    public Map<String, Integer> refusals() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        refusals.forEach((code, count) -> counts.put(code, count.get()));
        return counts;
    }

    /** How the first few {@link #BROKEN} connections broke (port, exception and message), for the failure report. */
    public List<String> brokenBy() {
        return List.copyOf(brokenBy);
    }

    private void submit(int first) {
        int relay = first;
        while (running) {
            int port = ports.get(relay % ports.size()).getAsInt();
            try (RawSmtpClient client = new RawSmtpClient(port)) {
                client.timeout(java.time.Duration.ofSeconds(60));
                client.login(credential.username(), credential.password());
                while (running && sendOne(client)) {
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (java.net.ConnectException down) {
                count(NOT_LISTENING);
                relay++;
                pause();
            } catch (IOException | AssertionError broken) {
                String refusal = refusedAtLogin(broken);
                count(refusal);
                if (refusal.equals(BROKEN) && brokenBy.size() < 5) {
                    brokenBy.add("port " + port + ": " + broken);
                }
                relay++;
                pause();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return whether the session can go on */
    private boolean sendOne(RawSmtpClient client) throws IOException {
        int n = next.incrementAndGet();
        String recipient = (slowEvery > 0 && n % slowEvery == 0 ? "slow-" : "fast-") + prefix + "-" + n + "@example.net";
        String sender = "load@it.example.org";
        String reply = client.command("MAIL FROM:<" + sender + ">");
        if (!reply.startsWith("250")) {
            count(reply.substring(0, 3));
            return false;
        }
        reply = client.command("RCPT TO:<" + recipient + ">");
        if (!reply.startsWith("250")) {
            count(reply.substring(0, 3));
            return false;
        }
        reply = client.command("DATA");
        if (!reply.startsWith("354")) {
            count(reply.substring(0, 3));
            return false;
        }
        client.write(Mails.dotStuffed(Mails.simple(sender, recipient, "load " + n)));
        unanswered.add(recipient);
        reply = client.command(".");
        if (reply == null) {
            throw new IOException("no reply to the message");
        }
        unanswered.remove(recipient);
        if (reply.startsWith("250")) {
            acknowledged.add(recipient);
            return true;
        }
        count(reply.substring(0, 3));
        return !reply.startsWith("421");
    }

    /** A login refused with a reply (RawSmtpClient says "expected 235 but got: 421 ...") or a broken connection. */
    private static String refusedAtLogin(Throwable broken) {
        String message = String.valueOf(broken.getMessage());
        int got = message.indexOf("got: ");
        return got >= 0 && message.length() >= got + 8 ? message.substring(got + 5, got + 8) : BROKEN;
    }

    private void count(String what) {
        refusals.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What reached the sink of the acknowledged mail. */
    public record Tally(int acknowledged, int delivered, int lost, int duplicated, Set<String> lostRecipients,
                        Set<String> duplicatedRecipients) {
        @Override
        public String toString() {
            return "acknowledged " + acknowledged + ", delivered " + delivered + ", lost " + lost + ", duplicated "
                    + duplicated;
        }
    }

    /** Counts the acknowledged mail in what {@code sink} received: each should be there exactly once. */
    public Tally tally(SmtpSink sink) {
        Map<String, Integer> received = new java.util.HashMap<>();
        for (SmtpSink.Received message : sink.received()) {
            message.recipients().stream().filter(r -> r.contains(prefix + "-")).forEach(r -> received.merge(r, 1, Integer::sum));
        }
        Set<String> lost = new java.util.TreeSet<>();
        Set<String> duplicated = new java.util.TreeSet<>();
        int delivered = 0;
        for (String recipient : acknowledged) {
            int times = received.getOrDefault(recipient, 0);
            if (times == 0) {
                lost.add(recipient);
            } else {
                delivered++;
            }
            if (times > 1) {
                duplicated.add(recipient);
            }
        }
        // Unanswered mail may arrive (once); twice is a duplicate as well.
        received.forEach((recipient, times) -> {
            if (times > 1 && !acknowledged.contains(recipient)) {
                duplicated.add(recipient);
            }
        });
        return new Tally(acknowledged.size(), delivered, lost.size(), duplicated.size(), lost, duplicated);
    }

    /** Waits until every acknowledged message has reached the sink, or the timeout; returns the tally. */
    public Tally awaitDelivered(SmtpSink sink, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Tally tally = tally(sink);
        while (tally.lost() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            tally = tally(sink);
        }
        return tally;
    }

    /** The recipients of mail this load sent, for matching with rows in the database. */
    public String prefix() {
        return prefix;
    }
}
