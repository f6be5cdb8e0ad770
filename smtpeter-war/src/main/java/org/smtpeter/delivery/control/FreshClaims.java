package org.smtpeter.delivery.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.instances.control.Instances;

/**
 * Deliveries that intake claimed for this instance in the very transaction that queued them,
 * waiting for the {@link DeliveryScheduler} to send them. New mail then needs no claim of its own
 * (a locking select, an update and a commit: 5 % of the relay's CPU in the throughput profile).
 * What waits here is SENDING in the database under this instance: if the instance dies, the others
 * put it back as they do any dead instance's claims, and a stop puts it back when the instance
 * leaves. Bounded: with {@link #LIMIT} or more waiting, new mail is queued unclaimed and the
 * scheduler claims it from the database, oldest first, so that retries due meanwhile get their turn.
 */
@ApplicationScoped
public class FreshClaims {

    /** Ten full shares: more than the workers take at once on a small machine. */
    static final int LIMIT = 200;

    @Inject
    Instances instances;

    @Inject
    ClaimTimes claimTimes;

    private final Queue<DeliveryQueue.Claimed> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();

    /**
     * @return the time to claim new mail at, when this instance takes it now; empty when it is not
     *         registered yet (its claims would look like a dead instance's) or enough is waiting
     */
    public Optional<Instant> claimTime() {
        if (!instances.registered() || waitingCount.get() >= LIMIT) {
            return Optional.empty();
        }
        return Optional.of(claimTimes.next());
    }

    /** The id that claims of this instance carry. */
    public String claimant() {
        return instances.id();
    }

    /** Claims whose transaction has committed: theirs to send now. */
    public void arrived(List<DeliveryQueue.Claimed> claims) {
        waiting.addAll(claims);
        waitingCount.addAndGet(claims.size());
    }

    /**
     * About {@code max} of those waiting, the longest waiting first; a message's deliveries stay
     * together. One taker at a time: the scheduler's rounds.
     */
    public List<DeliveryQueue.Claimed> take(int max) {
        List<DeliveryQueue.Claimed> taken = new ArrayList<>();
        for (DeliveryQueue.Claimed next = waiting.peek(); next != null; next = waiting.peek()) {
            boolean sameMessage = !taken.isEmpty() && taken.get(taken.size() - 1).messageId() == next.messageId();
            if (taken.size() >= max && !sameMessage) {
                break;
            }
            taken.add(waiting.poll());
        }
        waitingCount.addAndGet(-taken.size());
        return taken;
    }
}
