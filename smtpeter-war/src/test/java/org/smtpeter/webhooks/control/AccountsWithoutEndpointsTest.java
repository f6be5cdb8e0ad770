package org.smtpeter.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.platform.control.AfterCommit;

class AccountsWithoutEndpointsTest {

    private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

    private final AccountsWithoutEndpoints accounts = new AccountsWithoutEndpoints();

    @BeforeEach
    void outsideAnyTransaction() {
        accounts.afterCommit = new AfterCommit();
        accounts.clock = Clock.fixed(START, ZoneOffset.UTC);
    }

    @Test
    void anAccountFoundWithoutEndpointsIsNotAskedAgain() {
        accounts.remember(7, accounts.beforeLookup());

        assertTrue(accounts.isKnown(7));
        assertFalse(accounts.isKnown(8), "another account is asked");
    }

    @Test
    void anEndpointAddedHereIsSeenAtOnce() {
        accounts.remember(7, accounts.beforeLookup());

        accounts.forget(7);

        assertFalse(accounts.isKnown(7));
    }

    @Test
    void aLookupThatOverlappedAnAddedEndpointIsNotRemembered() {
        long seen = accounts.beforeLookup();
        accounts.forget(7); // committed while the lookup read the old rows

        accounts.remember(7, seen);

        assertFalse(accounts.isKnown(7));
    }

    @Test
    void anotherInstancesEndpointIsSeenOnceTheEntryIsOld() {
        accounts.remember(7, accounts.beforeLookup());

        accounts.clock = Clock.fixed(START.plus(AccountsWithoutEndpoints.FRESH), ZoneOffset.UTC);
        assertTrue(accounts.isKnown(7), "still fresh at the limit");
        accounts.clock = Clock.fixed(START.plus(AccountsWithoutEndpoints.FRESH).plusMillis(1), ZoneOffset.UTC);
        assertFalse(accounts.isKnown(7));
    }
}
