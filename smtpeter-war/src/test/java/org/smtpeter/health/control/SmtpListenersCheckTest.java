package org.smtpeter.health.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.ListenerStates;

class SmtpListenersCheckTest {

    @Test
    void eachExpectedPortIsDescribedFromTheAdaptersStates() {
        ListenerStates states = new ListenerStates();
        states.listening("submission", 2587);
        states.failed("mta", 2025, "cannot bind 127.0.0.1:2025: Address already in use");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("submission:2587", 2587);
        expected.put("smtps:2465", 2465);
        expected.put("mta:2025", 2025);

        Map<String, String> described = SmtpListenersCheck.describe(expected, states);

        assertEquals(Map.of(
                "submission:2587", "listening",
                "smtps:2465", "not listening: the resource adapter has not started this listener",
                "mta:2025", "not listening: cannot bind 127.0.0.1:2025: Address already in use"), described);
    }
}
