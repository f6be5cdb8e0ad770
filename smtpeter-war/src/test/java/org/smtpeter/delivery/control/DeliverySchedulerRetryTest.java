package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

/** Deliveries whose attempt could not be recorded: soon after a database failure, a minute after anything else. */
class DeliverySchedulerRetryTest {

    @Test
    void aDatabaseFailureAnywhereInTheChainIsRetriedWithinSeconds() {
        EJBException wrapped = new EJBException(new PersistenceException("I/O error", new SQLException("EOF")));

        assertEquals(Duration.ofSeconds(2), DeliveryScheduler.retryAfter(wrapped));
        assertEquals(Duration.ofSeconds(2), DeliveryScheduler.retryAfter(new PersistenceException("commit failed")));
    }

    @Test
    void anyOtherFaultWaitsAMinuteSoThatARepeatingOneDoesNotResendMailEverySeconds() {
        assertEquals(Duration.ofMinutes(1), DeliveryScheduler.retryAfter(new IllegalStateException("a bug")));
    }
}
