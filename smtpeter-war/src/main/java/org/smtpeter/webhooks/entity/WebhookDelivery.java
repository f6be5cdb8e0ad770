package org.smtpeter.webhooks.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.CreatedEntity;

/**
 * One event for one endpoint: written in the transaction that recorded the event (the outbox),
 * sent until the endpoint answers 2xx, and kept afterwards as the endpoint's delivery log (how it
 * went, the last response code and how long it took, when the next try is).
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(name = WebhookDelivery.OF_ENDPOINT,
        query = "SELECT d FROM WebhookDelivery d WHERE d.endpoint.id = :endpoint ORDER BY d.id DESC")
@NamedQuery(name = WebhookDelivery.PENDING_OF_ENDPOINT, query = "SELECT d FROM WebhookDelivery d"
        + " WHERE d.endpoint.id = :endpoint AND d.state = org.smtpeter.webhooks.entity.WebhookDelivery.State.PENDING"
        + " ORDER BY d.id")
public class WebhookDelivery extends CreatedEntity {

    public static final String OF_ENDPOINT = "WebhookDelivery.ofEndpoint";
    public static final String PENDING_OF_ENDPOINT = "WebhookDelivery.pendingOfEndpoint";

    public enum State {
        /** Waiting for its (next) try. */
        PENDING,
        /** The endpoint answered 2xx. */
        SUCCEEDED,
        /** Given up: the endpoint was disabled before the endpoint took it. */
        FAILED
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "endpoint_id", nullable = false)
    private WebhookEndpoint endpoint;

    /** The webhook-id header: the event's id, the same on every try. */
    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 12)
    private String eventType;

    /** The JSON body, exactly as signed. */
    @Lob
    @Column(nullable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "response_code")
    private Integer responseCode;

    @Column(name = "duration_millis")
    private Long durationMillis;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(WebhookEndpoint endpoint, String eventId, String eventType, String payload, Instant now) {
        super(now);
        this.endpoint = endpoint;
        this.eventId = eventId;
        this.eventType = eventType;
        this.payload = payload;
        this.state = State.PENDING;
        this.nextAttemptAt = now;
    }

    /** A try ended: 2xx is done; anything else waits until {@code next}. */
    public void tried(Instant at, Integer code, long millis, String error, Instant next) {
        attempts++;
        lastAttemptAt = at;
        responseCode = code;
        durationMillis = millis;
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        if (next == null) {
            state = State.SUCCEEDED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = next;
        }
    }

    /** No more tries: the endpoint is disabled. */
    public void abandon(String why) {
        state = State.FAILED;
        nextAttemptAt = null;
        lastError = why;
    }

    public WebhookEndpoint getEndpoint() {
        return endpoint;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getPayload() {
        return payload;
    }

    public State getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLastAttemptAt() {
        return lastAttemptAt;
    }

    public Integer getResponseCode() {
        return responseCode;
    }

    public Long getDurationMillis() {
        return durationMillis;
    }

    public String getLastError() {
        return lastError;
    }
}
