-- The audit log (issue 17): every change a person or a program makes to an account through the
-- REST API or the dashboard, one row each, written in the transaction of the change.
-- Portable SQL: the same script runs on H2 and PostgreSQL.
--
-- account_id has no foreign key on purpose: the log is the account's history and outlives it,
-- like its messages and unsubscribes do. Deleting an account keeps its entries (the last one says
-- who deleted it), and ids come from a sequence and are never reused, so an old entry cannot be
-- mistaken for a new account's. Null: a relay-wide change an operator made.

CREATE TABLE audit_entry (
    id BIGINT NOT NULL,
    account_id BIGINT,
    occurred_at TIMESTAMP NOT NULL,
    -- "admin token", "API token 12 (deploy script)", or a dashboard user's name
    actor VARCHAR(300) NOT NULL,
    remote_address VARCHAR(64),
    -- A stable code such as credential.created; the dashboard and the API filter by its prefix.
    action VARCHAR(64) NOT NULL,
    detail VARCHAR(1000),
    CONSTRAINT audit_entry_pkey PRIMARY KEY (id)
);
-- An account's log, newest first; the second serves the operator's log of every account.
CREATE INDEX audit_entry_account_time ON audit_entry (account_id, occurred_at);
CREATE INDEX audit_entry_time ON audit_entry (occurred_at);
