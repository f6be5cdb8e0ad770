package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.util.StreamProvider;

import org.junit.jupiter.api.Test;

class MailStreamsTest {

    @Test
    void namesAngusSoThatJakartaMailFindsItWithoutAScan() {
        String before = System.getProperty(MailStreams.PROPERTY);
        try {
            System.clearProperty(MailStreams.PROPERTY);
            MailStreams.useAngusDirectly();

            assertEquals(MailStreams.ANGUS, System.getProperty(MailStreams.PROPERTY));
            assertEquals(MailStreams.ANGUS, StreamProvider.provider().getClass().getName(), "the provider it names works");
        } finally {
            restore(before);
        }
    }

    @Test
    void leavesAValueTheOperatorSetAlone() {
        String before = System.getProperty(MailStreams.PROPERTY);
        try {
            System.setProperty(MailStreams.PROPERTY, "com.example.OwnProvider");
            MailStreams.useAngusDirectly();

            assertEquals("com.example.OwnProvider", System.getProperty(MailStreams.PROPERTY));
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(MailStreams.PROPERTY);
        } else {
            System.setProperty(MailStreams.PROPERTY, value);
        }
    }
}
