package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        List<CompletableFuture<String>> answers = behindAHeldCommit("a", "b", "c");
        releaseHeld.countDown();

        assertEquals(List.of("held committed", "a committed", "b committed", "c committed"), done(answers));
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
        List<CompletableFuture<String>> answers = behindAHeldCommit("good", "faulty");
        releaseHeld.countDown();

        assertEquals("held committed", answers.get(0).get(5, TimeUnit.SECONDS));
        assertEquals("good committed", answers.get(1).get(5, TimeUnit.SECONDS));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> answers.get(2).get(5, TimeUnit.SECONDS));
        assertEquals("constraint violated", failed.getCause().getMessage());
        assertTrue(transactions.contains(List.of("good")), "committed alone after the group failed: " + transactions);
    }

    @Test
    void underLoadAGatheringCommitterTakesWhatComesMeanwhileUntilTheGroupIsFull() throws Exception {
        groups = gathering(3, Duration.ofSeconds(30));
        List<CompletableFuture<String>> answers = behindAHeldCommit("a", "b");
        releaseHeld.countDown();
        assertEquals("held committed", answers.get(0).get(5, TimeUnit.SECONDS));
        waitUntil(() -> groups.waitingCount() == 0);
        assertTrue(!answers.get(1).isDone() && !answers.get(2).isDone(), "a and b, taken together, wait for more");

        CompletableFuture<String> c = CompletableFuture.supplyAsync(() -> groups.commit("c"));

        assertEquals("c committed", c.get(5, TimeUnit.SECONDS), "a full group does not wait out the time");
        assertEquals(List.of("held committed", "a committed", "b committed"), done(answers));
        assertEquals(List.of(List.of("held"), List.of("a", "b", "c")), transactions);
    }

    @Test
    void underLoadAGatheringCommitterCommitsWhatItHasWhenTheTimeIsUp() throws Exception {
        groups = gathering(16, Duration.ofMillis(100));
        List<CompletableFuture<String>> answers = behindAHeldCommit("a", "b");
        releaseHeld.countDown();

        assertEquals(List.of("held committed", "a committed", "b committed"), done(answers));
        assertEquals(List.of(List.of("held"), List.of("a", "b")), transactions);
    }

    @Test
    void withoutLoadAGatheringCommitterDoesNotHoldLoneWorkBack() throws Exception {
        groups = gathering(16, Duration.ofSeconds(30));

        CompletableFuture<String> alone = CompletableFuture.supplyAsync(() -> groups.commit("alone"));

        assertEquals("alone committed", alone.get(5, TimeUnit.SECONDS), "not held for the gathering time");
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

    /**
     * Keeps the committer busy with "held" ({@link #holdTheCommitter}), then hands in each item once
     * the one before waits in the queue, so that their order is known.
     *
     * @return the answers, held's first
     */
    private List<CompletableFuture<String>> behindAHeldCommit(String... items) throws InterruptedException {
        List<CompletableFuture<String>> answers = new ArrayList<>(List.of(holdTheCommitter()));
        for (String item : items) {
            int before = groups.waitingCount();
            answers.add(CompletableFuture.supplyAsync(() -> groups.commit(item)));
            waitUntil(() -> groups.waitingCount() == before + 1);
        }
        return answers;
    }

    private static List<String> done(List<CompletableFuture<String>> answers) throws Exception {
        List<String> done = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            done.add(answer.get(5, TimeUnit.SECONDS));
        }
        return done;
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
