package org.smtpeter.users.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.smtpeter.credentials.entity.Account;

class DashboardUserTest {

    private final Account account = new Account("shop", Instant.EPOCH);

    @Test
    void aCodeLogsInOnceAndNoEarlierOneAfterIt() {
        DashboardUser user = DashboardUser.invited(account, "ann@example.com", DashboardUser.MEMBER, Instant.EPOCH);
        user.twoFactor("encrypted");
        assertTrue(user.useTotpStep(100));
        assertFalse(user.useTotpStep(100));
        assertFalse(user.useTotpStep(99));
        assertTrue(user.useTotpStep(101));
    }

    @Test
    void invitedPeopleBelongToTheAccountWithoutAPassword() {
        DashboardUser user = DashboardUser.invited(account, "ann@example.com", DashboardUser.OWNER, Instant.EPOCH);
        assertFalse(user.isOperator());
        assertFalse(user.hasPassword());
        assertTrue(user.isOwner());
        assertTrue(user.isEnabled());
        assertEquals("ann@example.com", user.getUsername());
    }

    @Test
    void rolesStayWithinTheirKind() {
        assertThrows(IllegalArgumentException.class,
                () -> DashboardUser.invited(account, "ann@example.com", DashboardUser.ADMIN, Instant.EPOCH));
        DashboardUser operator = new DashboardUser("admin", "hash", DashboardUser.ADMIN, Instant.EPOCH);
        assertTrue(operator.isOperator());
        assertThrows(IllegalArgumentException.class, () -> operator.changeRole(DashboardUser.OWNER));
    }
}
