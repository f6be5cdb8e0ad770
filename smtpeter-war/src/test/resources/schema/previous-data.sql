-- Rows of an installation from before migrations, one or more per table, with ids from the first
-- block of the id sequence. The stored message's bytes (message_chunk) are inserted by the test,
-- from previous-message.eml. The credential's password is migrated-password-1.
INSERT INTO account (id, created_at, name) VALUES (1, TIMESTAMP '2026-11-01 10:00:00', 'migrated-account');
INSERT INTO smtp_credential (id, created_at, description, enabled, forward_bounces, jms_submission, password_hash,
    username, inline_css, prevent_scam, track_bounces, track_clicks, track_opens, account_id)
    VALUES (2, TIMESTAMP '2026-11-01 10:00:01', 'from before migrations', TRUE, TRUE, FALSE,
    'PBKDF2WithHmacSHA512:10000:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=:PPUW2bhqm2BFfJo5BBa159HGtUo/Sr6LCi1NuNfF5lk=',
    'migrated-user', FALSE, TRUE, TRUE, FALSE, FALSE, 1);
INSERT INTO api_token (id, created_at, description, token_hash, account_id)
    VALUES (3, TIMESTAMP '2026-11-01 10:00:02', 'old token', 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f', 1);
INSERT INTO dashboard_user (id, created_at, password_hash, role, username)
    VALUES (4, TIMESTAMP '2026-11-01 10:00:03',
    'PBKDF2WithHmacSHA512:10000:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=:PPUW2bhqm2BFfJo5BBa159HGtUo/Sr6LCi1NuNfF5lk=',
    'ADMIN', 'migrated-operator');
INSERT INTO message (id, body_type, client_address, client_helo, credential_username, declared_size, dsn_envelope_id,
    features, listener_role, processing_note, public_id, received_at, dsn_ret, reverse_path, size_bytes, smtp_utf8,
    subject, tags, tls_cipher, tls_protocol, account_id, credential_id)
    VALUES (10, NULL, '192.0.2.7', 'app.example.org', 'migrated-user', -1, NULL, 'preventscam;trackbounces',
    'submission', NULL, 'MigratedMessage00001', TIMESTAMP '2026-11-02 09:00:00', NULL, 'app@example.org', 312, FALSE,
    'Sent before the upgrade', 'newsletter', 'TLS_AES_256_GCM_SHA384', 'TLSv1.3', 1, 2);
INSERT INTO message_recipient (address, notify_conditions, original_recipient, message_id, position)
    VALUES ('kept@example.net', NULL, NULL, 10, 0);
INSERT INTO message_recipient (address, notify_conditions, original_recipient, message_id, position)
    VALUES ('gone@example.net', NULL, NULL, 10, 1);
INSERT INTO delivery (id, attempts, bounce_token, delay_notified, domain, expires_at, finished_at, last_attempt_at,
    last_code, last_enhanced_code, last_remote_host, last_reply, next_attempt_at, recipient, state, version, message_id)
    VALUES (11, 1, 'migratedtoken0000001', FALSE, 'example.net', TIMESTAMP '2026-11-07 09:00:00',
    TIMESTAMP '2026-11-02 09:00:02', TIMESTAMP '2026-11-02 09:00:02', 250, '2.0.0', 'mx.example.net', 'Ok: queued',
    TIMESTAMP '2026-11-02 11:00:01', 'kept@example.net', 'DELIVERED', 3, 10);
INSERT INTO delivery (id, attempts, bounce_token, delay_notified, domain, expires_at, finished_at, last_attempt_at,
    last_code, last_enhanced_code, last_remote_host, last_reply, next_attempt_at, recipient, state, version, message_id)
    VALUES (12, 1, 'migratedtoken0000002', FALSE, 'example.net', TIMESTAMP '2026-11-07 09:00:00',
    TIMESTAMP '2026-11-02 09:00:02', TIMESTAMP '2026-11-02 09:00:02', 550, '5.1.1', 'mx.example.net',
    'User unknown', TIMESTAMP '2026-11-02 11:00:01', 'gone@example.net', 'FAILED', 3, 10);
INSERT INTO delivery_attempt (id, code, duration_millis, enhanced_code, message_public_id, outcome, recipient,
    remote_host, remote_ip, reply, started_at, tls_protocol, delivery_id)
    VALUES (13, 250, 120, '2.0.0', 'MigratedMessage00001', 'DELIVERED', 'kept@example.net', 'mx.example.net',
    '192.0.2.25', 'Ok: queued', TIMESTAMP '2026-11-02 09:00:01', 'TLSv1.3', 11);
INSERT INTO delivery_attempt (id, code, duration_millis, enhanced_code, message_public_id, outcome, recipient,
    remote_host, remote_ip, reply, started_at, tls_protocol, delivery_id)
    VALUES (14, 550, 95, '5.1.1', 'MigratedMessage00001', 'FAILED', 'gone@example.net', 'mx.example.net',
    '192.0.2.25', 'User unknown', TIMESTAMP '2026-11-02 09:00:01', 'TLSv1.3', 12);
INSERT INTO bounce (id, account_id, bucket, category, diagnostic, forwarding, hardness, kind, message_public_id,
    occurred_at, recipient, source_message_public_id, status)
    VALUES (15, 1, 'failure', 'unknown-user', '550 5.1.1 User unknown', NULL, 'hard', 'smtp-failure',
    'MigratedMessage00001', TIMESTAMP '2026-11-02 09:00:02', 'gone@example.net', NULL, '5.1.1');
INSERT INTO suppression (id, address, created_at, detail, reason, account_id)
    VALUES (16, 'gone@example.net', TIMESTAMP '2026-11-02 09:00:02', '550 5.1.1 User unknown', 'hard-bounce', 1);
INSERT INTO tracking_event (id, ip, kind, machine, message_public_id, occurred_at, position, recipient, url, user_agent)
    VALUES (17, '198.51.100.4', 'click', FALSE, 'MigratedMessage00001', TIMESTAMP '2026-11-02 10:00:00', 0,
    'kept@example.net', 'https://example.org/offer', 'Mozilla/5.0');
