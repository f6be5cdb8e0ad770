-- The REST send API (issue "integrations"): a request with an Idempotency-Key is answered once;
-- a retry within 24 hours gets the first answer instead of sending twice. The row is written in
-- the transaction that stores the message, so there is never one without the other.

CREATE TABLE idempotent_request (
    account_id BIGINT NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    message_public_id VARCHAR(40) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT idempotent_request_pkey PRIMARY KEY (account_id, idempotency_key)
);
