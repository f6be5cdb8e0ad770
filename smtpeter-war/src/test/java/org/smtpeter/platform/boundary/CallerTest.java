package org.smtpeter.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void theAdminIsNamedAsTheAdminToken() {
        Caller caller = new Caller();
        caller.admin("192.0.2.1");
        assertEquals(Caller.ADMIN_ACTOR, caller.actor());
        assertEquals("192.0.2.1", caller.remoteAddress());
    }

    @Test
    void anAccountIsNamedByItsToken() {
        Caller caller = new Caller();
        caller.account(5, "API token 12 (deploy)", "2001:db8::1");
        assertEquals("API token 12 (deploy)", caller.actor());
        assertEquals("2001:db8::1", caller.remoteAddress());
        assertEquals(5L, caller.accountScope());
    }

    @Test
    void nobodyIsNamedBeforeTheFilterVouchedForTheCaller() {
        Caller caller = new Caller();
        assertThrows(IllegalStateException.class, caller::actor);
        assertThrows(IllegalStateException.class, caller::remoteAddress);
    }
}
