package org.smtpeter.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SuppressionsPageTest {

    @Test
    void anAddressNeedsSomethingOnBothSidesOfTheAtAndNoSpaces() {
        assertTrue(SuppressionsPage.looksLikeAnAddress("someone@example.net"));
        assertTrue(SuppressionsPage.looksLikeAnAddress("\"odd\"@example.net"));
        assertFalse(SuppressionsPage.looksLikeAnAddress("someone"));
        assertFalse(SuppressionsPage.looksLikeAnAddress("@example.net"));
        assertFalse(SuppressionsPage.looksLikeAnAddress("someone@"));
        assertFalse(SuppressionsPage.looksLikeAnAddress("some one@example.net"));
        assertFalse(SuppressionsPage.looksLikeAnAddress("a".repeat(320) + "@example.net"));
    }
}
