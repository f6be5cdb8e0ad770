package org.smtpeter.smtp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.ListenerStates.State;

class ListenerStatesTest {

    private final ListenerStates states = new ListenerStates();

    @Test
    void aListenerIsUnknownUntilItReports() {
        assertTrue(states.get("mta", 2025).isEmpty());
    }

    @Test
    void failureThenListening() {
        states.failed("mta", 2025, "cannot bind 127.0.0.1:2025: Address already in use");
        ListenerStates.Entry failed = states.get("mta", 2025).orElseThrow();
        assertEquals(State.FAILED, failed.state());
        assertEquals("cannot bind 127.0.0.1:2025: Address already in use", failed.problem());

        states.listening("mta", 2025);
        ListenerStates.Entry listening = states.get("mta", 2025).orElseThrow();
        assertEquals(State.LISTENING, listening.state());
        assertNull(listening.problem());
    }

    @Test
    void theSameFailureAgainKeepsItsStartingTime() {
        states.failed("smtps", 2465, "taken");
        ListenerStates.Entry first = states.get("smtps", 2465).orElseThrow();
        states.failed("smtps", 2465, "taken");
        assertSame(first, states.get("smtps", 2465).orElseThrow());
    }

    @Test
    void aClosedListenerIsForgotten() {
        states.listening("submission", 2587);
        states.listening("submission", 2588);
        states.closed("submission", 2587);
        assertEquals(1, states.all().size());
        assertEquals(2588, states.all().get(0).port());
    }
}
