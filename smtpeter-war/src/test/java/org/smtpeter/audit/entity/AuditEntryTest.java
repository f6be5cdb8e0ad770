package org.smtpeter.audit.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditEntryTest {

    @Test
    void textsLongerThanTheirColumnsAreCutNotRefused() {
        AuditEntry entry = new AuditEntry(7L, Instant.EPOCH, "a".repeat(400), "2001:db8::1%" + "x".repeat(100),
                "credential.created", "d".repeat(2000));
        assertEquals(AuditEntry.ACTOR_LENGTH, entry.getActor().length());
        assertTrue(entry.getActor().endsWith("…"));
        assertEquals(AuditEntry.REMOTE_ADDRESS_LENGTH, entry.getRemoteAddress().length());
        assertEquals(AuditEntry.DETAIL_LENGTH, entry.getDetail().length());
    }

    @Test
    void shortTextsAndAbsentOnesStayAsGiven() {
        AuditEntry entry = new AuditEntry(null, Instant.EPOCH, "admin token", null, "account.created", null);
        assertNull(entry.getAccountId());
        assertEquals("admin token", entry.getActor());
        assertNull(entry.getRemoteAddress());
        assertNull(entry.getDetail());
        assertEquals("x".repeat(AuditEntry.DETAIL_LENGTH), AuditEntry.cut("x".repeat(AuditEntry.DETAIL_LENGTH),
                AuditEntry.DETAIL_LENGTH));
    }
}
