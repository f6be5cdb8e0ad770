-- Signed webhooks per account (issue 16): an account's endpoints, and the outbox of what each is
-- sent. A row of webhook_delivery is written in the transaction that records the event, stays
-- PENDING until the endpoint answers 2xx (SUCCEEDED) or gives up (FAILED), and is the endpoint's
-- delivery log afterwards. Portable SQL: the same script runs on H2 and PostgreSQL.

CREATE TABLE webhook_endpoint (
    id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    url VARCHAR(2000) NOT NULL,
    description VARCHAR(200),
    -- Comma-separated event types (delivered,bounced); empty for all.
    event_types VARCHAR(200) NOT NULL,
    -- whsec_ + base64 of the key: the relay signs with it, so it is kept, and never shown again.
    secret VARCHAR(100) NOT NULL,
    enabled BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- Since when every try has failed; 24 hours of that disable the endpoint.
    failing_since TIMESTAMP,
    disabled_at TIMESTAMP,
    disabled_notice VARCHAR(500),
    -- One relay at a time sends to an endpoint, so that its events arrive in order.
    claimed_until TIMESTAMP,
    version BIGINT NOT NULL,
    CONSTRAINT webhook_endpoint_pkey PRIMARY KEY (id),
    CONSTRAINT fk_webhook_endpoint_account_id FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX webhook_endpoint_account ON webhook_endpoint (account_id);

CREATE TABLE webhook_delivery (
    id BIGINT NOT NULL,
    endpoint_id BIGINT NOT NULL,
    event_id VARCHAR(36) NOT NULL,
    event_type VARCHAR(12) NOT NULL,
    payload VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    state VARCHAR(10) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP,
    last_attempt_at TIMESTAMP,
    response_code INTEGER,
    duration_millis BIGINT,
    last_error VARCHAR(500),
    CONSTRAINT webhook_delivery_pkey PRIMARY KEY (id),
    CONSTRAINT fk_webhook_delivery_endpoint_id FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoint (id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, id);
