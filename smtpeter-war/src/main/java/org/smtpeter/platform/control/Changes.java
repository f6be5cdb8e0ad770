package org.smtpeter.platform.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many times a cache's source has changed. An entry remembers the count it was loaded at,
 * read <em>before</em> loading: a load that overlapped a change (it may have read the old rows)
 * then no longer matches and is loaded again, even when it was stored after the change.
 */
public final class Changes {

    private final AtomicLong count = new AtomicLong();

    /** The count to keep with an entry about to be loaded. */
    public long seen() {
        return count.get();
    }

    /** Whether an entry loaded at {@code seen} may have missed a change. */
    public boolean since(long seen) {
        return count.get() != seen;
    }

    public void changed() {
        count.incrementAndGet();
    }
}
