-- The schema as EclipseLink generated it before migrations existed (the relay up to version 1 of
-- this history). Portable SQL: the same script runs on H2 and PostgreSQL. An installation that
-- already has these tables is marked as being at version 1 without running this (Flyway's
-- baseline), so only later versions run there.

CREATE SEQUENCE seq_gen_sequence START WITH 50 INCREMENT BY 50;

CREATE TABLE account (
    id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    name VARCHAR(100) NOT NULL,
    CONSTRAINT account_pkey PRIMARY KEY (id),
    CONSTRAINT account_name_key UNIQUE (name)
);

CREATE TABLE smtp_credential (
    id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    description VARCHAR(200),
    enabled BOOLEAN NOT NULL,
    forward_bounces BOOLEAN NOT NULL,
    jms_submission BOOLEAN NOT NULL,
    password_hash VARCHAR(400) NOT NULL,
    username VARCHAR(100) NOT NULL,
    inline_css BOOLEAN NOT NULL,
    prevent_scam BOOLEAN NOT NULL,
    track_bounces BOOLEAN NOT NULL,
    track_clicks BOOLEAN NOT NULL,
    track_opens BOOLEAN NOT NULL,
    account_id BIGINT NOT NULL,
    CONSTRAINT smtp_credential_pkey PRIMARY KEY (id),
    CONSTRAINT smtp_credential_username_key UNIQUE (username),
    CONSTRAINT fk_smtp_credential_account_id FOREIGN KEY (account_id) REFERENCES account (id)
);

CREATE TABLE api_token (
    id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    description VARCHAR(200),
    token_hash VARCHAR(64) NOT NULL,
    account_id BIGINT NOT NULL,
    CONSTRAINT api_token_pkey PRIMARY KEY (id),
    CONSTRAINT api_token_token_hash_key UNIQUE (token_hash),
    CONSTRAINT fk_api_token_account_id FOREIGN KEY (account_id) REFERENCES account (id)
);

CREATE TABLE admin_token (
    id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    token_hash VARCHAR(400) NOT NULL,
    CONSTRAINT admin_token_pkey PRIMARY KEY (id)
);

CREATE TABLE dashboard_user (
    id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    password_hash VARCHAR(400) NOT NULL,
    role VARCHAR(20) NOT NULL,
    username VARCHAR(100) NOT NULL,
    CONSTRAINT dashboard_user_pkey PRIMARY KEY (id),
    CONSTRAINT dashboard_user_username_key UNIQUE (username)
);

CREATE TABLE message (
    id BIGINT NOT NULL,
    body_type VARCHAR(10),
    client_address VARCHAR(64) NOT NULL,
    client_helo VARCHAR(255),
    credential_username VARCHAR(100),
    declared_size BIGINT NOT NULL,
    dsn_envelope_id VARCHAR(100),
    features VARCHAR(100),
    listener_role VARCHAR(20) NOT NULL,
    processing_note VARCHAR(1000),
    public_id VARCHAR(40) NOT NULL,
    received_at TIMESTAMP NOT NULL,
    dsn_ret VARCHAR(4),
    reverse_path VARCHAR(320) NOT NULL,
    size_bytes BIGINT NOT NULL,
    smtp_utf8 BOOLEAN NOT NULL,
    subject VARCHAR(500),
    tags VARCHAR(1000),
    tls_cipher VARCHAR(100),
    tls_protocol VARCHAR(20),
    account_id BIGINT,
    credential_id BIGINT,
    CONSTRAINT message_pkey PRIMARY KEY (id),
    CONSTRAINT message_public_id_key UNIQUE (public_id),
    CONSTRAINT fk_message_account_id FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_message_credential_id FOREIGN KEY (credential_id) REFERENCES smtp_credential (id)
);
CREATE INDEX message_received_at ON message (received_at);
CREATE INDEX message_reverse_path ON message (reverse_path);

CREATE TABLE message_recipient (
    address VARCHAR(320) NOT NULL,
    notify_conditions VARCHAR(40),
    original_recipient VARCHAR(520),
    message_id BIGINT,
    position INTEGER,
    CONSTRAINT fk_message_recipient_message_id FOREIGN KEY (message_id) REFERENCES message (id)
);

CREATE TABLE message_chunk (
    message_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    CONSTRAINT message_chunk_pkey PRIMARY KEY (message_id, seq)
);

CREATE TABLE delivery (
    id BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    bounce_token VARCHAR(24),
    delay_notified BOOLEAN NOT NULL,
    domain VARCHAR(255) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    last_attempt_at TIMESTAMP,
    last_code INTEGER,
    last_enhanced_code VARCHAR(12),
    last_remote_host VARCHAR(255),
    last_reply VARCHAR(1000),
    next_attempt_at TIMESTAMP NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    state VARCHAR(12) NOT NULL,
    version BIGINT,
    message_id BIGINT NOT NULL,
    CONSTRAINT delivery_pkey PRIMARY KEY (id),
    CONSTRAINT delivery_bounce_token_key UNIQUE (bounce_token),
    CONSTRAINT fk_delivery_message_id FOREIGN KEY (message_id) REFERENCES message (id)
);
CREATE INDEX delivery_due ON delivery (state, next_attempt_at);
CREATE INDEX delivery_message ON delivery (message_id);

CREATE TABLE delivery_attempt (
    id BIGINT NOT NULL,
    code INTEGER NOT NULL,
    duration_millis BIGINT NOT NULL,
    enhanced_code VARCHAR(12),
    message_public_id VARCHAR(40) NOT NULL,
    outcome VARCHAR(10) NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    remote_host VARCHAR(255),
    remote_ip VARCHAR(64),
    reply VARCHAR(1000),
    started_at TIMESTAMP NOT NULL,
    tls_protocol VARCHAR(20),
    delivery_id BIGINT NOT NULL,
    CONSTRAINT delivery_attempt_pkey PRIMARY KEY (id),
    CONSTRAINT fk_delivery_attempt_delivery_id FOREIGN KEY (delivery_id) REFERENCES delivery (id)
);
CREATE INDEX attempt_message ON delivery_attempt (message_public_id);
CREATE INDEX attempt_time ON delivery_attempt (started_at);

CREATE TABLE bounce (
    id BIGINT NOT NULL,
    account_id BIGINT,
    bucket VARCHAR(10) NOT NULL,
    category VARCHAR(30),
    diagnostic VARCHAR(1000),
    forwarding VARCHAR(12),
    hardness VARCHAR(4),
    kind VARCHAR(20) NOT NULL,
    message_public_id VARCHAR(40),
    occurred_at TIMESTAMP NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    source_message_public_id VARCHAR(40),
    status VARCHAR(12),
    CONSTRAINT bounce_pkey PRIMARY KEY (id)
);
CREATE INDEX bounce_message ON bounce (message_public_id);
CREATE INDEX bounce_recipient ON bounce (account_id, recipient);

CREATE TABLE suppression (
    id BIGINT NOT NULL,
    address VARCHAR(320) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    detail VARCHAR(1000),
    reason VARCHAR(20) NOT NULL,
    account_id BIGINT NOT NULL,
    CONSTRAINT suppression_pkey PRIMARY KEY (id),
    CONSTRAINT suppression_account_address UNIQUE (account_id, address),
    CONSTRAINT fk_suppression_account_id FOREIGN KEY (account_id) REFERENCES account (id)
);

CREATE TABLE tracking_event (
    id BIGINT NOT NULL,
    ip VARCHAR(64),
    kind VARCHAR(5) NOT NULL,
    machine BOOLEAN NOT NULL,
    message_public_id VARCHAR(40) NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    position INTEGER NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    url VARCHAR(4000),
    user_agent VARCHAR(1000),
    CONSTRAINT tracking_event_pkey PRIMARY KEY (id)
);
CREATE INDEX tracking_message ON tracking_event (message_public_id);
CREATE INDEX tracking_time ON tracking_event (occurred_at);

CREATE TABLE outbox_event (
    id BIGINT NOT NULL,
    account VARCHAR(100),
    account_id BIGINT,
    attempts INTEGER,
    credential VARCHAR(100),
    event_id VARCHAR(36) NOT NULL,
    event_type VARCHAR(12) NOT NULL,
    last_error VARCHAR(500),
    message_id VARCHAR(40),
    occurred_at TIMESTAMP NOT NULL,
    payload VARCHAR NOT NULL,
    CONSTRAINT outbox_event_pkey PRIMARY KEY (id)
);
