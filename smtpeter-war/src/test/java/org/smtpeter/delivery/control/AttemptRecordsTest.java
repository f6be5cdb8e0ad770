package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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
import org.smtpeter.testing.PlainThreads;

/**
 * The grouping of the shares' records alone, with an {@link AfterAttempt} that notes what it was
 * given; what a record does is DeliveryIT's and BounceTrackingIT's, and that nothing is lost when
 * a record fails is DatabaseOutageIT's.
 */
class AttemptRecordsTest {

    private static final Instant LEASE = Instant.parse("2026-12-06T12:00:00Z");

    private final RecordingAfterAttempt afterAttempt = new RecordingAfterAttempt();
    private final AttemptRecords records = new AttemptRecords();
    private final ExecutorService workers = Executors.newFixedThreadPool(6);

    @BeforeEach
    void start() {
        records.afterAttempt = afterAttempt;
        records.threads = new PlainThreads();
        records.start();
    }

    @AfterEach
    void stop() {
        records.stop();
        workers.shutdownNow();
    }

    @Test
    void sharesThatEndTogetherAreRecordedInOneTransaction() throws Exception {
        List<Future<?>> recorded = handInTogether(6);

        for (Future<?> each : recorded) {
            each.get(10, TimeUnit.SECONDS);
        }
        assertTrue(afterAttempt.transactions.stream().anyMatch(deliveries -> deliveries.size() > 1),
                () -> "transactions: " + afterAttempt.transactions);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L),
                afterAttempt.transactions.stream().flatMap(List::stream).sorted().toList(), "each share recorded once");
    }

    @Test
    void aShareWhoseRecordFailsFailsAloneAndItsWorkerHearsOfIt() throws Exception {
        afterAttempt.failing = 2L;
        List<Future<?>> recorded = handInTogether(3);

        recorded.get(0).get(10, TimeUnit.SECONDS);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> recorded.get(1).get(10, TimeUnit.SECONDS));
        assertEquals("cannot record delivery 2", failed.getCause().getMessage());
        recorded.get(2).get(10, TimeUnit.SECONDS);
        assertTrue(afterAttempt.transactions.stream().noneMatch(deliveries -> deliveries.contains(2L)),
                () -> "transactions: " + afterAttempt.transactions);
    }

    @Test
    void aShareWithoutAttemptsNeedsNoTransaction() {
        records.record(List.of(), List.of(claim(7)));

        assertEquals(List.of(), afterAttempt.transactions);
    }

    @Test
    void onceStoppedAWorkerRecordsItsShareItself() {
        records.stop();

        records.record(List.of(result(8)), List.of(claim(8)));

        assertEquals(List.of(List.of(8L)), afterAttempt.transactions);
    }

    /**
     * Workers hand in shares 1 to {@code count} (one delivery each) while the first transaction is
     * held, so that the rest wait together; then it is let go.
     */
    private List<Future<?>> handInTogether(int count) throws InterruptedException {
        afterAttempt.holdFirst = new CountDownLatch(1);
        List<Future<?>> recorded = new ArrayList<>();
        for (long share = 1; share <= count; share++) {
            long delivery = share;
            recorded.add(workers.submit(() -> records.record(List.of(result(delivery)), List.of(claim(delivery)))));
        }
        awaitAllHandedIn(count);
        afterAttempt.holdFirst.countDown();
        return recorded;
    }

    /** Until every share is either waiting or with a committer (held there until the latch opens). */
    private void awaitAllHandedIn(int count) throws InterruptedException {
        for (int i = 0; i < 500 && afterAttempt.taken.get() + records.waitingCount() < count; i++) {
            Thread.sleep(10);
        }
    }

    private static AttemptResult result(long delivery) {
        return new AttemptResult(delivery, Reply.local("2.0.0", "OK"), null, null, LEASE, 1, false);
    }

    private static DeliveryQueue.Claimed claim(long delivery) {
        return new DeliveryQueue.Claimed(delivery, 100 + delivery, "example.net", LEASE);
    }

    /** Records nothing: keeps which deliveries came in one transaction; one of them may fail. */
    private static class RecordingAfterAttempt extends AfterAttempt {

        final List<List<Long>> transactions = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger taken = new AtomicInteger();
        volatile CountDownLatch holdFirst = new CountDownLatch(0);
        volatile Long failing;

        @Override
        public void recordAll(List<Share> shares) {
            taken.addAndGet(shares.size());
            try {
                holdFirst.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Long> deliveries = shares.stream().flatMap(share -> share.results().stream())
                    .map(AttemptResult::deliveryId).toList();
            if (deliveries.contains(failing)) {
                throw new IllegalStateException("cannot record delivery " + failing);
            }
            transactions.add(deliveries);
        }
    }
}
