-- People of an account (issue 17): a dashboard user either operates the relay (role ADMIN, no
-- account) or belongs to one account as its OWNER or a MEMBER. Invited users have no password until
-- they accept; disabled users cannot log in. Two-factor login keeps the TOTP secret encrypted
-- (smtpeter.domains.key-encryption-key) and the last time step used, so a code works only once.
-- Portable SQL: the same script runs on H2 and PostgreSQL.

ALTER TABLE dashboard_user ADD COLUMN account_id BIGINT;
ALTER TABLE dashboard_user ADD COLUMN email VARCHAR(320);
ALTER TABLE dashboard_user ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE dashboard_user ADD COLUMN totp_secret VARCHAR(200);
ALTER TABLE dashboard_user ADD COLUMN totp_last_step BIGINT;
ALTER TABLE dashboard_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE dashboard_user ADD CONSTRAINT fk_dashboard_user_account_id FOREIGN KEY (account_id) REFERENCES account (id);
CREATE INDEX dashboard_user_account ON dashboard_user (account_id);

-- Invitation and password-reset links: only the SHA-256 of the link's secret is kept.
CREATE TABLE user_link (
    id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    purpose VARCHAR(20) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    CONSTRAINT user_link_pkey PRIMARY KEY (id),
    CONSTRAINT user_link_token UNIQUE (token_hash),
    CONSTRAINT fk_user_link_user_id FOREIGN KEY (user_id) REFERENCES dashboard_user (id)
);

-- Recovery codes for two-factor login, shown once; each works once.
CREATE TABLE recovery_code (
    id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    code_hash VARCHAR(64) NOT NULL,
    used_at TIMESTAMP,
    CONSTRAINT recovery_code_pkey PRIMARY KEY (id),
    CONSTRAINT fk_recovery_code_user_id FOREIGN KEY (user_id) REFERENCES dashboard_user (id)
);

-- An account's rule for its people: with require_two_factor, nobody of the account gets past the
-- two-factor page before setting it up.
CREATE TABLE login_policy (
    account_id BIGINT NOT NULL,
    require_two_factor BOOLEAN NOT NULL,
    CONSTRAINT login_policy_pkey PRIMARY KEY (account_id),
    CONSTRAINT fk_login_policy_account_id FOREIGN KEY (account_id) REFERENCES account (id)
);
