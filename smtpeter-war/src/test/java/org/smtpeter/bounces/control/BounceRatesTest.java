package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.smtpeter.bounces.control.BounceRates.Verdict;

class BounceRatesTest {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final String TOKEN = "token-of-one-delivery";
    private static final String OTHER_TOKEN = "token-of-another-one";
    private static final String MTA = "198.51.100.25";
    private static final String OTHER_MTA = "198.51.100.26";

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    /** 3 messages per address and 5 per client; 1 forward per address and 2 per client. */
    private final BounceRates rates = new BounceRates(
            new BounceSettings.Limits(Duration.ofDays(30), 1024, WINDOW, 3, 5, 1, 2), now::get);

    @Test
    void anAddressTakesItsShareFromAnyClientsThenWaits() {
        assertEquals(Verdict.ALLOWED, rates.accept(TOKEN, MTA));
        assertEquals(Verdict.ALLOWED, rates.accept(TOKEN, MTA));
        assertEquals(Verdict.ALLOWED, rates.accept(TOKEN, OTHER_MTA));
        assertEquals(Verdict.ADDRESS_OVER_LIMIT, rates.accept(TOKEN, OTHER_MTA));
        assertEquals(Verdict.ALLOWED, rates.accept(OTHER_TOKEN, MTA), "other addresses are not affected");
    }

    @Test
    void aClientTakesItsShareAcrossAddresses() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ALLOWED, rates.accept("token-" + i, MTA));
        }
        assertEquals(Verdict.CLIENT_OVER_LIMIT, rates.accept("token-5", MTA));
        assertEquals(Verdict.ALLOWED, rates.accept("token-5", OTHER_MTA), "other clients are not affected");
    }

    @Test
    void aRefusedAttemptCountsForNobody() {
        rates.accept(TOKEN, MTA);
        rates.accept(TOKEN, MTA);
        rates.accept(TOKEN, MTA);
        for (int i = 0; i < 10; i++) {
            assertEquals(Verdict.ADDRESS_OVER_LIMIT, rates.accept(TOKEN, MTA));
        }
        assertEquals(Verdict.ALLOWED, rates.accept(OTHER_TOKEN, MTA), "the client has used 3 of its 5, not 13");
    }

    @Test
    void theWindowSlides() {
        rates.accept(TOKEN, MTA);
        now.addAndGet(Duration.ofMinutes(30).toMillis());
        rates.accept(TOKEN, MTA);
        rates.accept(TOKEN, MTA);
        assertEquals(Verdict.ADDRESS_OVER_LIMIT, rates.accept(TOKEN, MTA));

        now.addAndGet(Duration.ofMinutes(30).toMillis());
        assertEquals(Verdict.ALLOWED, rates.accept(TOKEN, MTA), "the first one has left the window");
        assertEquals(Verdict.ADDRESS_OVER_LIMIT, rates.accept(TOKEN, MTA));
    }

    @Test
    void forwardsAreCountedApartFromIntake() {
        rates.accept(TOKEN, MTA);
        rates.accept(TOKEN, MTA);
        assertEquals(Verdict.ALLOWED, rates.forward(TOKEN, MTA));
        assertEquals(Verdict.ADDRESS_OVER_LIMIT, rates.forward(TOKEN, MTA));
        assertEquals(Verdict.ALLOWED, rates.accept(TOKEN, MTA), "intake still has one left");

        assertEquals(Verdict.ALLOWED, rates.forward(OTHER_TOKEN, MTA));
        assertEquals(Verdict.CLIENT_OVER_LIMIT, rates.forward("third-token", MTA));
        now.addAndGet(WINDOW.toMillis());
        assertEquals(Verdict.ALLOWED, rates.forward("third-token", MTA));
    }
}
