package org.smtpeter.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.testing.PlainThreads;

/**
 * The batching alone, with a store that records what it was given; that a 250 follows the commit
 * on a real relay is CrashSafetyIT's (SIGKILL right after the 250s, every acknowledged message delivered).
 */
class GroupCommitTest {

    private final RecordingStore store = new RecordingStore();
    private final GroupCommit groupCommit = new GroupCommit();
    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @BeforeEach
    void start() {
        groupCommit.incoming = store;
        groupCommit.threads = new PlainThreads();
        groupCommit.start();
    }

    @AfterEach
    void stop() {
        groupCommit.stop();
        clients.shutdownNow();
    }

    @Test
    void messagesThatEndTogetherShareATransactionAndEachGetsItsOwnId() throws Exception {
        store.holdFirstBatch = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String sender = "sender" + i + "@example.com";
            answers.add(clients.submit(() -> groupCommit.store(envelope(sender), message())));
        }
        awaitAllSubmitted(8);
        store.holdFirstBatch.countDown();

        for (int i = 0; i < 8; i++) {
            assertEquals("id-sender" + i + "@example.com", answers.get(i).get(10, TimeUnit.SECONDS));
        }
        assertTrue(store.batches.stream().anyMatch(batch -> batch.size() > 1), () -> "batches: " + store.batches);
        assertEquals(8, store.batches.stream().mapToInt(List::size).sum(), "each stored once");
        assertEquals(List.of(), store.alone);
    }

    @Test
    void aMessageThatCannotBeStoredIsRefusedAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        store.holdFirstBatch = new CountDownLatch(1);
        store.refused = "bad@example.com";
        List<Future<String>> answers = new ArrayList<>();
        for (String sender : List.of("a@example.com", "bad@example.com", "b@example.com", "c@example.com")) {
            answers.add(clients.submit(() -> groupCommit.store(envelope(sender), message())));
        }
        awaitAllSubmitted(4);
        store.holdFirstBatch.countDown();

        assertEquals("id-a@example.com", answers.get(0).get(10, TimeUnit.SECONDS));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> answers.get(1).get(10, TimeUnit.SECONDS));
        assertEquals("cannot store bad@example.com", refused.getCause().getMessage());
        assertEquals("id-b@example.com", answers.get(2).get(10, TimeUnit.SECONDS));
        assertEquals("id-c@example.com", answers.get(3).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aLargeMessageIsStoredByItsOwnThreadAtOnce() {
        store.holdFirstBatch = new CountDownLatch(1); // a batch would wait; this must not

        assertEquals("id-large@example.com", groupCommit.store(envelope("large@example.com"),
                message(GroupCommit.MAX_BATCHED_BYTES + 1)));
        assertEquals(List.of("large@example.com"), store.alone);
    }

    @Test
    void aClientInterruptedWhileItsMessageWaitsTakesItBack() throws Exception {
        GroupCommit idle = new GroupCommit();
        idle.incoming = store;
        idle.threads = new PlainThreads(task -> () -> { }); // committers that never take anything
        idle.start();
        Future<String> answer = clients.submit(() -> idle.store(envelope("gone@example.com"), message()));
        for (int i = 0; i < 500 && idle.waitingCount() == 0; i++) {
            Thread.sleep(10);
        }

        answer.cancel(true);
        for (int i = 0; i < 500 && idle.waitingCount() > 0; i++) {
            Thread.sleep(10);
        }

        assertEquals(0, idle.waitingCount(), "no committer can store it after the client's 4xx");
        idle.stop();
        assertEquals(List.of(), store.alone);
        assertEquals(List.of(), store.batches);
    }

    @Test
    void onceStoppedAMessageIsStoredByItsOwnThread() {
        groupCommit.stop();

        assertEquals("id-late@example.com", groupCommit.store(envelope("late@example.com"), message()));
        assertEquals(List.of("late@example.com"), store.alone);
    }

    /** Until every message is either waiting or with a committer (held there until the latch opens). */
    private void awaitAllSubmitted(int count) throws InterruptedException {
        for (int i = 0; i < 500 && groupCommit.waitingCount() + store.taken.get() < count; i++) {
            Thread.sleep(10);
        }
    }

    private static Envelope envelope(String sender) {
        return new Envelope(null, "user", sender, null, false, -1, null, null, List.of());
    }

    private static ReceivedMessage message() {
        return message(3);
    }

    private static ReceivedMessage message(long size) {
        return new ReceivedMessage() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream("hi\n".getBytes());
            }
        };
    }

    /** Stores nothing: answers "id-" and the sender, and keeps which senders came together and which alone. */
    private static class RecordingStore extends IncomingMessages {

        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> alone = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch holdFirstBatch = new CountDownLatch(0);
        volatile String refused;
        final AtomicInteger taken = new AtomicInteger();

        @Override
        public List<String> storeAll(List<GroupCommit.Pending> messages) {
            taken.addAndGet(messages.size());
            try {
                holdFirstBatch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> senders = messages.stream().map(pending -> pending.envelope().reversePath()).toList();
            if (senders.contains(refused)) {
                throw new IllegalStateException("cannot store " + refused);
            }
            batches.add(senders);
            return senders.stream().map(sender -> "id-" + sender).toList();
        }

        @Override
        public String store(Envelope envelope, ReceivedMessage received) {
            if (envelope.reversePath().equals(refused)) {
                throw new IllegalStateException("cannot store " + refused);
            }
            alone.add(envelope.reversePath());
            return "id-" + envelope.reversePath();
        }
    }
}
