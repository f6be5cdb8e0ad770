-- The schema EclipseLink generated on PostgreSQL before migrations existed (pg_dump --schema-only of a
-- relay at commit 60f2fb5, schema name removed): what an installation upgrading to migrations has.
CREATE TABLE account (
    id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    name character varying(100) NOT NULL
);
CREATE TABLE admin_token (
    id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    token_hash character varying(400) NOT NULL
);
CREATE TABLE api_token (
    id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    description character varying(200),
    token_hash character varying(64) NOT NULL,
    account_id bigint NOT NULL
);
CREATE TABLE bounce (
    id bigint NOT NULL,
    account_id bigint,
    bucket character varying(10) NOT NULL,
    category character varying(30),
    diagnostic character varying(1000),
    forwarding character varying(12),
    hardness character varying(4),
    kind character varying(20) NOT NULL,
    message_public_id character varying(40),
    occurred_at timestamp without time zone NOT NULL,
    recipient character varying(320) NOT NULL,
    source_message_public_id character varying(40),
    status character varying(12)
);
CREATE TABLE dashboard_user (
    id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    password_hash character varying(400) NOT NULL,
    role character varying(20) NOT NULL,
    username character varying(100) NOT NULL
);
CREATE TABLE delivery (
    id bigint NOT NULL,
    attempts integer NOT NULL,
    bounce_token character varying(24),
    delay_notified boolean NOT NULL,
    domain character varying(255) NOT NULL,
    expires_at timestamp without time zone NOT NULL,
    finished_at timestamp without time zone,
    last_attempt_at timestamp without time zone,
    last_code integer,
    last_enhanced_code character varying(12),
    last_remote_host character varying(255),
    last_reply character varying(1000),
    next_attempt_at timestamp without time zone NOT NULL,
    recipient character varying(320) NOT NULL,
    state character varying(12) NOT NULL,
    version bigint,
    message_id bigint NOT NULL
);
CREATE TABLE delivery_attempt (
    id bigint NOT NULL,
    code integer NOT NULL,
    duration_millis bigint NOT NULL,
    enhanced_code character varying(12),
    message_public_id character varying(40) NOT NULL,
    outcome character varying(10) NOT NULL,
    recipient character varying(320) NOT NULL,
    remote_host character varying(255),
    remote_ip character varying(64),
    reply character varying(1000),
    started_at timestamp without time zone NOT NULL,
    tls_protocol character varying(20),
    delivery_id bigint NOT NULL
);
CREATE TABLE message (
    id bigint NOT NULL,
    body_type character varying(10),
    client_address character varying(64) NOT NULL,
    client_helo character varying(255),
    credential_username character varying(100),
    declared_size bigint NOT NULL,
    dsn_envelope_id character varying(100),
    features character varying(100),
    listener_role character varying(20) NOT NULL,
    processing_note character varying(1000),
    public_id character varying(40) NOT NULL,
    received_at timestamp without time zone NOT NULL,
    dsn_ret character varying(4),
    reverse_path character varying(320) NOT NULL,
    size_bytes bigint NOT NULL,
    smtp_utf8 boolean NOT NULL,
    subject character varying(500),
    tags character varying(1000),
    tls_cipher character varying(100),
    tls_protocol character varying(20),
    account_id bigint,
    credential_id bigint
);
CREATE TABLE message_chunk (
    message_id bigint NOT NULL,
    seq integer NOT NULL,
    data bytea NOT NULL
);
CREATE TABLE message_recipient (
    address character varying(320) NOT NULL,
    notify_conditions character varying(40),
    original_recipient character varying(520),
    message_id bigint,
    "position" integer
);
CREATE TABLE outbox_event (
    id bigint NOT NULL,
    account character varying(100),
    account_id bigint,
    attempts integer,
    credential character varying(100),
    event_id character varying(36) NOT NULL,
    event_type character varying(12) NOT NULL,
    last_error character varying(500),
    message_id character varying(40),
    occurred_at timestamp without time zone NOT NULL,
    payload text NOT NULL
);
CREATE SEQUENCE seq_gen_sequence
    START WITH 50
    INCREMENT BY 50
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
CREATE TABLE smtp_credential (
    id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    description character varying(200),
    enabled boolean NOT NULL,
    forward_bounces boolean NOT NULL,
    jms_submission boolean NOT NULL,
    password_hash character varying(400) NOT NULL,
    username character varying(100) NOT NULL,
    inline_css boolean NOT NULL,
    prevent_scam boolean NOT NULL,
    track_bounces boolean NOT NULL,
    track_clicks boolean NOT NULL,
    track_opens boolean NOT NULL,
    account_id bigint NOT NULL
);
CREATE TABLE suppression (
    id bigint NOT NULL,
    address character varying(320) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    detail character varying(1000),
    reason character varying(20) NOT NULL,
    account_id bigint NOT NULL
);
CREATE TABLE tracking_event (
    id bigint NOT NULL,
    ip character varying(64),
    kind character varying(5) NOT NULL,
    machine boolean NOT NULL,
    message_public_id character varying(40) NOT NULL,
    occurred_at timestamp without time zone NOT NULL,
    "position" integer NOT NULL,
    recipient character varying(320) NOT NULL,
    url character varying(4000),
    user_agent character varying(1000)
);
ALTER TABLE ONLY account
    ADD CONSTRAINT account_name_key UNIQUE (name);
ALTER TABLE ONLY account
    ADD CONSTRAINT account_pkey PRIMARY KEY (id);
ALTER TABLE ONLY admin_token
    ADD CONSTRAINT admin_token_pkey PRIMARY KEY (id);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (id);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT api_token_token_hash_key UNIQUE (token_hash);
ALTER TABLE ONLY bounce
    ADD CONSTRAINT bounce_pkey PRIMARY KEY (id);
ALTER TABLE ONLY dashboard_user
    ADD CONSTRAINT dashboard_user_pkey PRIMARY KEY (id);
ALTER TABLE ONLY dashboard_user
    ADD CONSTRAINT dashboard_user_username_key UNIQUE (username);
ALTER TABLE ONLY delivery_attempt
    ADD CONSTRAINT delivery_attempt_pkey PRIMARY KEY (id);
ALTER TABLE ONLY delivery
    ADD CONSTRAINT delivery_bounce_token_key UNIQUE (bounce_token);
ALTER TABLE ONLY delivery
    ADD CONSTRAINT delivery_pkey PRIMARY KEY (id);
ALTER TABLE ONLY message_chunk
    ADD CONSTRAINT message_chunk_pkey PRIMARY KEY (message_id, seq);
ALTER TABLE ONLY message
    ADD CONSTRAINT message_pkey PRIMARY KEY (id);
ALTER TABLE ONLY message
    ADD CONSTRAINT message_public_id_key UNIQUE (public_id);
ALTER TABLE ONLY outbox_event
    ADD CONSTRAINT outbox_event_pkey PRIMARY KEY (id);
ALTER TABLE ONLY smtp_credential
    ADD CONSTRAINT smtp_credential_pkey PRIMARY KEY (id);
ALTER TABLE ONLY smtp_credential
    ADD CONSTRAINT smtp_credential_username_key UNIQUE (username);
ALTER TABLE ONLY suppression
    ADD CONSTRAINT suppression_account_address UNIQUE (account_id, address);
ALTER TABLE ONLY suppression
    ADD CONSTRAINT suppression_pkey PRIMARY KEY (id);
ALTER TABLE ONLY tracking_event
    ADD CONSTRAINT tracking_event_pkey PRIMARY KEY (id);
CREATE INDEX attempt_message ON delivery_attempt USING btree (message_public_id);
CREATE INDEX attempt_time ON delivery_attempt USING btree (started_at);
CREATE INDEX bounce_message ON bounce USING btree (message_public_id);
CREATE INDEX bounce_recipient ON bounce USING btree (account_id, recipient);
CREATE INDEX delivery_due ON delivery USING btree (state, next_attempt_at);
CREATE INDEX delivery_message ON delivery USING btree (message_id);
CREATE INDEX message_received_at ON message USING btree (received_at);
CREATE INDEX message_reverse_path ON message USING btree (reverse_path);
CREATE INDEX tracking_message ON tracking_event USING btree (message_public_id);
CREATE INDEX tracking_time ON tracking_event USING btree (occurred_at);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT fk_api_token_account_id FOREIGN KEY (account_id) REFERENCES account(id);
ALTER TABLE ONLY delivery_attempt
    ADD CONSTRAINT fk_delivery_attempt_delivery_id FOREIGN KEY (delivery_id) REFERENCES delivery(id);
ALTER TABLE ONLY delivery
    ADD CONSTRAINT fk_delivery_message_id FOREIGN KEY (message_id) REFERENCES message(id);
ALTER TABLE ONLY message
    ADD CONSTRAINT fk_message_account_id FOREIGN KEY (account_id) REFERENCES account(id);
ALTER TABLE ONLY message
    ADD CONSTRAINT fk_message_credential_id FOREIGN KEY (credential_id) REFERENCES smtp_credential(id);
ALTER TABLE ONLY message_recipient
    ADD CONSTRAINT fk_message_recipient_message_id FOREIGN KEY (message_id) REFERENCES message(id);
ALTER TABLE ONLY smtp_credential
    ADD CONSTRAINT fk_smtp_credential_account_id FOREIGN KEY (account_id) REFERENCES account(id);
ALTER TABLE ONLY suppression
    ADD CONSTRAINT fk_suppression_account_id FOREIGN KEY (account_id) REFERENCES account(id);
-- The first block of ids (1-50) was taken, as in the installation the rows below come from.
SELECT setval('seq_gen_sequence', 50);
