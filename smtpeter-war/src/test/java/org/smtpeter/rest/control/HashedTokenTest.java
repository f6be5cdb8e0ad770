package org.smtpeter.rest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;

class HashedTokenTest {

    private static final String TOKEN = HashedToken.generate();

    /** Stands in for PBKDF2: "hash:" + the token; counts how often the expensive check runs. */
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final BiPredicate<char[], String> verifier = (candidate, hash) -> {
        fullChecks.incrementAndGet();
        return hash.equals("hash:" + new String(candidate));
    };
    private final HashedToken hashed = new HashedToken("hash:" + TOKEN, verifier);

    @Test
    void generatedTokensAreRecognisableAndDistinct() {
        assertTrue(TOKEN.startsWith(HashedToken.PREFIX));
        assertEquals(HashedToken.PREFIX.length() + 43, TOKEN.length(), "256 bits, base64url");
        assertNotEquals(TOKEN, HashedToken.generate());
    }

    @Test
    void theRightTokenPassesAndIsHashedOnlyOnce() {
        assertTrue(hashed.test(TOKEN));
        assertTrue(hashed.test(TOKEN));
        assertTrue(hashed.test(TOKEN));

        assertEquals(1, fullChecks.get());
    }

    @Test
    void aWrongTokenOfTheGeneratedFormFailsWithAFullCheck() {
        assertTrue(hashed.test(TOKEN));

        assertFalse(hashed.test(TOKEN + "x"));
        assertFalse(hashed.test(HashedToken.generate()));

        assertEquals(3, fullChecks.get(), "a remembered token does not let others through");
    }

    @Test
    void accountTokensAndJunkNeverCostAHash() {
        assertFalse(hashed.test("smtpeter_" + TOKEN.substring(HashedToken.PREFIX.length())));
        assertFalse(hashed.test("anything"));
        assertFalse(hashed.test(""));
        assertFalse(hashed.test(null));

        assertEquals(0, fullChecks.get());
    }
}
