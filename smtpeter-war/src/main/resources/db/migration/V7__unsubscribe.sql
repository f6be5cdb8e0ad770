-- One-click unsubscribe (issue 15, item 5): a credential feature, off for every existing
-- credential, and one row per message and recipient who unsubscribed, for the message's timeline
-- and the statistics (the suppression itself is a row of suppression, reason 'unsubscribed').
-- Portable SQL: the same script runs on H2 and PostgreSQL.

ALTER TABLE smtp_credential ADD COLUMN unsubscribe BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE unsubscribe (
    id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    message_public_id VARCHAR(40) NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    -- one-click or mailto
    method VARCHAR(10) NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    ip VARCHAR(64),
    user_agent VARCHAR(1000),
    CONSTRAINT unsubscribe_pkey PRIMARY KEY (id),
    CONSTRAINT unsubscribe_copy UNIQUE (message_public_id, recipient)
);
CREATE INDEX unsubscribe_time ON unsubscribe (occurred_at);
