package org.smtpeter.messagelog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.messagelog.control.MessageSearch;

class MessageSearchTest {

    @Test
    void blankFieldsFromFormsMeanNoCondition() {
        MessageSearch search = new MessageSearch(null, " ", "", "\t", "  ", null, null, "");

        assertEquals(MessageSearch.all(), search);
    }

    @Test
    void valuesAreStrippedAndTheStatusNormalised() {
        MessageSearch search = new MessageSearch(7L, " a@example.com ", null, " Invoice ", null, null, null, " Deferred ");

        assertEquals("a@example.com", search.sender());
        assertEquals("Invoice", search.subject());
        assertEquals("deferred", search.status());
        assertEquals(DeliveryState.DEFERRED, search.state());
        assertEquals(7L, search.accountId());
    }

    @Test
    void anUnknownStatusIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MessageSearch(null, null, null, null, null, null, null, "lost"));

        assertTrue(e.getMessage().contains("delivered") && e.getMessage().contains("suppressed"), e.getMessage());
    }

    @Test
    void forAccountKeepsTheOtherFilters() {
        MessageSearch search = new MessageSearch(null, "a@example.com", null, null, null, null, null, "failed")
                .forAccount(3L);

        assertEquals(3L, search.accountId());
        assertEquals("a@example.com", search.sender());
        assertEquals("failed", search.status());
        assertNull(search.recipient());
    }
}
