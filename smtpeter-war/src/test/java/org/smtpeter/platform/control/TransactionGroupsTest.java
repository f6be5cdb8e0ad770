package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransactionGroupsTest {

    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch releaseHeld = new CountDownLatch(1);
    private TransactionGroups<String, String> groups;

    @AfterEach
    void stop() {
        if (groups != null) {
            groups.stop(System.currentTimeMillis() + 2_000);
        }
    }

    @Test
    void whatWaitsWhileOneCommitsGoesThroughTheNextTransactionTogether() throws Exception {
        groups = start(Duration.ofSeconds(30));
        CompletableFuture<String> held = holdTheCommitter();
        List<CompletableFuture<String>> next = new ArrayList<>();
        for (String item : List.of("a", "b", "c")) {
            next.add(CompletableFuture.supplyAsync(() -> groups.commit(item)));
        }
        waitUntil(() -> groups.waitingCount() == 3);
        releaseHeld.countDown();

        assertEquals("held committed", held.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("a", "b", "c").get(i) + " committed", next.get(i).get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of("held"), List.of("a", "b", "c")), transactions);
    }

    @Test
    void workTheCommitterDoesNotTakeInTimeIsHandedBackUncommitted() throws Exception {
        groups = start(Duration.ofMillis(300));
        CompletableFuture<String> held = holdTheCommitter();

        TransactionGroups.NotTaken handedBack = assertThrows(TransactionGroups.NotTaken.class,
                () -> groups.commit("waits"));

        assertTrue(handedBack.getMessage().contains("not committed"), handedBack.getMessage());
        assertEquals(0, groups.waitingCount(), "taken out of the queue, so never committed later");
        releaseHeld.countDown();
        assertEquals("held committed", held.get(5, TimeUnit.SECONDS),
                "work the committer had taken gets its commit's outcome, however long it took");
        assertEquals(List.of(List.of("held")), transactions, "the handed-back work was never in a transaction");
    }

    @Test
    void aGroupThatFailsIsCommittedOneByOneSoThatOnlyTheFaultyOneFails() throws Exception {
        groups = start(Duration.ofSeconds(30));
        CompletableFuture<String> held = holdTheCommitter();
        CompletableFuture<String> good = CompletableFuture.supplyAsync(() -> groups.commit("good"));
        waitUntil(() -> groups.waitingCount() == 1);
        CompletableFuture<String> faulty = CompletableFuture.supplyAsync(() -> groups.commit("faulty"));
        waitUntil(() -> groups.waitingCount() == 2);
        releaseHeld.countDown();

        assertEquals("held committed", held.get(5, TimeUnit.SECONDS));
        assertEquals("good committed", good.get(5, TimeUnit.SECONDS));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> faulty.get(5, TimeUnit.SECONDS));
        assertEquals("constraint violated", failed.getCause().getMessage());
        assertTrue(transactions.contains(List.of("good")), "committed alone after the group failed: " + transactions);
    }

    @Test
    void aGatheringCommitterTakesWhatComesMeanwhileUntilTheGroupIsFull() throws Exception {
        groups = gathering(3, Duration.ofSeconds(30));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> groups.commit("a"));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> groups.commit("b"));
        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> groups.commit("c"));

        assertEquals("a committed", first.get(5, TimeUnit.SECONDS), "a full group does not wait out the time");
        assertEquals("b committed", second.get(5, TimeUnit.SECONDS));
        assertEquals("c committed", third.get(5, TimeUnit.SECONDS));
        assertEquals(1, transactions.size(), "one transaction: " + transactions);
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(transactions.get(0)));
    }

    @Test
    void aGatheringCommitterCommitsWhatItHasWhenTheTimeIsUp() throws Exception {
        groups = gathering(16, Duration.ofMillis(100));

        assertEquals("alone committed", groups.commit("alone"));
        assertEquals(List.of(List.of("alone")), transactions);
    }

    private TransactionGroups<String, String> gathering(int maxGroup, Duration gather) {
        TransactionGroups<String, String> started = new TransactionGroups<>("test-committer", maxGroup,
                Duration.ofSeconds(30), gather, this::database, item -> database(List.of(item)).get(0));
        started.start(Thread::new);
        return started;
    }

    private TransactionGroups<String, String> start(Duration queueWait) {
        TransactionGroups<String, String> started = new TransactionGroups<>("test-committer", 16, queueWait,
                this::database, item -> database(List.of(item)).get(0));
        started.start(Thread::new);
        return started;
    }

    /** Keeps the committer busy with a commit of "held" until {@link #releaseHeld}. */
    private CompletableFuture<String> holdTheCommitter() throws InterruptedException {
        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> groups.commit("held"));
        assertTrue(holding.await(5, TimeUnit.SECONDS), "the committer took it");
        return held;
    }

    /** A database: commits a group at once, except one holding "held" (not before it is released) or "faulty". */
    private List<String> database(List<String> items) {
        if (items.contains("held")) {
            holding.countDown();
            await(releaseHeld);
        }
        if (items.contains("faulty")) {
            throw new IllegalStateException("constraint violated");
        }
        return committed(items);
    }

    private List<String> committed(List<String> items) {
        transactions.add(List.copyOf(items));
        return items.stream().map(item -> item + " committed").toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in 5 s");
            Thread.sleep(5);
        }
    }
}
