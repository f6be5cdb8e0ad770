package org.smtpeter.instances.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One running relay process sharing the database. Every start is a new instance with a new id;
 * deliveries it claims carry that id, and its heartbeat tells the others whether it still lives.
 */
@Entity
@Table(name = "relay_instance")
public class RelayInstance {

    /** A random UUID, chosen at start. */
    @Id
    @Column(length = 36)
    private String id;

    /** The relay's host name, for operators reading the table. */
    @Column(name = "host_name", nullable = false, length = 255)
    private String hostName;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "heartbeat_at", nullable = false)
    private Instant heartbeatAt;

    protected RelayInstance() {
    }

    public RelayInstance(String id, String hostName, Instant startedAt) {
        this.id = id;
        this.hostName = hostName.length() > 255 ? hostName.substring(0, 255) : hostName;
        this.startedAt = startedAt;
        this.heartbeatAt = startedAt;
    }

    public String getId() {
        return id;
    }

    public String getHostName() {
        return hostName;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getHeartbeatAt() {
        return heartbeatAt;
    }
}
