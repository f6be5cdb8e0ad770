-- Sender domains (issue 15): an account's domains, their DKIM keys (private keys encrypted with
-- smtpeter.domains.key-encryption-key, never readable through the API), the hosts each domain
-- publishes for bounces and tracking, the last DNS check, and whether an account sends only from
-- verified domains.

CREATE TABLE sender_domain (
    id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    name VARCHAR(253) NOT NULL,
    bounce_host VARCHAR(253) NOT NULL,
    tracking_host VARCHAR(253) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    verified_at TIMESTAMP,
    checked_at TIMESTAMP,
    last_check VARCHAR(8000),
    CONSTRAINT sender_domain_pkey PRIMARY KEY (id),
    CONSTRAINT sender_domain_account_name UNIQUE (account_id, name),
    CONSTRAINT fk_sender_domain_account_id FOREIGN KEY (account_id) REFERENCES account (id)
);

CREATE TABLE dkim_key (
    id BIGINT NOT NULL,
    domain_id BIGINT NOT NULL,
    selector VARCHAR(63) NOT NULL,
    algorithm VARCHAR(16) NOT NULL,
    public_key VARCHAR(1000) NOT NULL,
    private_key VARCHAR(4000) NOT NULL,
    state VARCHAR(16) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    activated_at TIMESTAMP,
    CONSTRAINT dkim_key_pkey PRIMARY KEY (id),
    CONSTRAINT dkim_key_domain_selector UNIQUE (domain_id, selector),
    CONSTRAINT fk_dkim_key_domain_id FOREIGN KEY (domain_id) REFERENCES sender_domain (id)
);

CREATE TABLE domain_policy (
    account_id BIGINT NOT NULL,
    require_verified BOOLEAN NOT NULL,
    CONSTRAINT domain_policy_pkey PRIMARY KEY (account_id),
    CONSTRAINT fk_domain_policy_account_id FOREIGN KEY (account_id) REFERENCES account (id)
);
