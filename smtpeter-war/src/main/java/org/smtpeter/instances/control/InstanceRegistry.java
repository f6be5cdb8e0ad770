package org.smtpeter.instances.control;

import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.instances.entity.RelayInstance;
import org.smtpeter.platform.entity.UtcTimestamps;

/**
 * The instances table and the claims that belong to its rows, one transaction per call. The
 * claims are deliveries in state SENDING whose {@code claimed_by} names an instance; putting them
 * back is plain SQL on the delivery table, so that the delivery code does not depend on this
 * package beyond asking for the instance id.
 */
@Stateless
public class InstanceRegistry {

    /** What a released claim becomes: due at once, as queued or deferred as before it was claimed. */
    private static final String RELEASE = "UPDATE delivery SET state = CASE WHEN attempts = 0 THEN 'QUEUED'"
            + " ELSE 'DEFERRED' END, next_attempt_at = ?1, claimed_by = NULL, version = version + 1"
            + " WHERE state = 'SENDING'";

    @PersistenceContext
    EntityManager em;

    /** Writes this instance's heartbeat; registers it again if another instance took it for dead and removed it. */
    public void beat(String id, String hostName, Instant now) {
        int updated = em.createNativeQuery("UPDATE relay_instance SET heartbeat_at = ?1 WHERE id = ?2")
                .setParameter(1, UtcTimestamps.toTimestamp(now))
                .setParameter(2, id)
                .executeUpdate();
        if (updated == 0) {
            em.persist(new RelayInstance(id, hostName, now));
        }
    }

    /**
     * Puts back the claims of every instance that has not beaten since {@code deadIfBeatBefore} or
     * is not registered at all (removed, or never registered), and of claims without an instance
     * (made before instances existed) whose old fixed lease has passed; then forgets dead instances.
     *
     * @return how many deliveries were put back
     */
    public int releaseClaimsOfDead(Instant deadIfBeatBefore, Instant now) {
        int released = em.createNativeQuery(RELEASE + " AND (claimed_by IS NULL AND next_attempt_at <= ?1"
                        + " OR claimed_by IS NOT NULL AND claimed_by NOT IN"
                        + " (SELECT id FROM relay_instance WHERE heartbeat_at >= ?2))")
                .setParameter(1, UtcTimestamps.toTimestamp(now))
                .setParameter(2, UtcTimestamps.toTimestamp(deadIfBeatBefore))
                .executeUpdate();
        em.createNativeQuery("DELETE FROM relay_instance WHERE heartbeat_at < ?1")
                .setParameter(1, UtcTimestamps.toTimestamp(deadIfBeatBefore))
                .executeUpdate();
        return released;
    }

    /** At a graceful stop: puts back what this instance still holds and leaves the table. */
    public int leave(String id, Instant now) {
        int released = em.createNativeQuery(RELEASE + " AND claimed_by = ?2")
                .setParameter(1, UtcTimestamps.toTimestamp(now))
                .setParameter(2, id)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM relay_instance WHERE id = ?1").setParameter(1, id).executeUpdate();
        return released;
    }
}
