package org.smtpeter.webhooks.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.AfterCommit;
import org.smtpeter.platform.control.Changes;

/**
 * The accounts found to have no enabled webhook endpoint, so that their mail does not ask again for
 * every event (two queries per message, most accounts have none). Only that is remembered: an
 * account with endpoints is always asked, so a delivery is never written for an endpoint that
 * another instance has deleted. An endpoint added here is seen at once (also by a lookup that ran
 * while it was committed, {@link Changes}); one added on another instance within {@link #FRESH}.
 */
@ApplicationScoped
public class AccountsWithoutEndpoints {

    static final Duration FRESH = Duration.ofSeconds(5);

    @Inject
    AfterCommit afterCommit;

    /** Real time: how old an entry is. */
    Clock clock = Clock.systemUTC();

    private final Map<Long, Entry> found = new ConcurrentHashMap<>();

    private final Changes changes = new Changes();

    private record Entry(Instant at, long changesSeen) {
    }

    /** Whether the account was found without endpoints lately, and nothing changed since. */
    public boolean isKnown(long accountId) {
        Entry entry = found.get(accountId);
        return entry != null && !entry.at().plus(FRESH).isBefore(clock.instant()) && !changes.since(entry.changesSeen());
    }

    /** The count to pass to {@link #remember}, read before the lookup. */
    public long beforeLookup() {
        return changes.seen();
    }

    /** The account had no enabled endpoint in a lookup that began at {@code seen}. */
    public void remember(long accountId, long seen) {
        if (!changes.since(seen)) {
            found.put(accountId, new Entry(clock.instant(), seen));
        }
    }

    /** After an endpoint of the account was added or changed; again once its transaction has ended. */
    public void forget(long accountId) {
        afterCommit.nowAndAfterCompletion(() -> {
            changes.changed();
            found.remove(accountId);
        });
    }
}
