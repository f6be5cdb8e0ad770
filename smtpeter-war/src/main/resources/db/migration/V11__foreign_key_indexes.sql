-- An index under every foreign key that had none. PostgreSQL, unlike H2, makes none by itself: the
-- recipients of a message were found by scanning all of message_recipient (twice per delivered
-- message, a cost that grew with every message kept), and deleting a message, a credential or an
-- account scanned the tables that refer to it.
--
-- Each key is dropped and added again around its index: H2 then uses that index for the key
-- instead of keeping the one it made (it does so only for an index of exactly the key's columns),
-- so H2 does not maintain two indexes on the same column for every message. The same statements
-- on both databases.

ALTER TABLE message_recipient DROP CONSTRAINT fk_message_recipient_message_id;
CREATE INDEX message_recipient_message ON message_recipient (message_id);
ALTER TABLE message_recipient ADD CONSTRAINT fk_message_recipient_message_id
    FOREIGN KEY (message_id) REFERENCES message (id);

ALTER TABLE delivery_attempt DROP CONSTRAINT fk_delivery_attempt_delivery_id;
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id);
ALTER TABLE delivery_attempt ADD CONSTRAINT fk_delivery_attempt_delivery_id
    FOREIGN KEY (delivery_id) REFERENCES delivery (id);

ALTER TABLE message DROP CONSTRAINT fk_message_account_id;
CREATE INDEX message_account ON message (account_id);
ALTER TABLE message ADD CONSTRAINT fk_message_account_id FOREIGN KEY (account_id) REFERENCES account (id);

ALTER TABLE message DROP CONSTRAINT fk_message_credential_id;
CREATE INDEX message_credential ON message (credential_id);
ALTER TABLE message ADD CONSTRAINT fk_message_credential_id FOREIGN KEY (credential_id) REFERENCES smtp_credential (id);

ALTER TABLE smtp_credential DROP CONSTRAINT fk_smtp_credential_account_id;
CREATE INDEX smtp_credential_account ON smtp_credential (account_id);
ALTER TABLE smtp_credential ADD CONSTRAINT fk_smtp_credential_account_id FOREIGN KEY (account_id) REFERENCES account (id);

ALTER TABLE api_token DROP CONSTRAINT fk_api_token_account_id;
CREATE INDEX api_token_account ON api_token (account_id);
ALTER TABLE api_token ADD CONSTRAINT fk_api_token_account_id FOREIGN KEY (account_id) REFERENCES account (id);

ALTER TABLE user_link DROP CONSTRAINT fk_user_link_user_id;
CREATE INDEX user_link_user ON user_link (user_id);
ALTER TABLE user_link ADD CONSTRAINT fk_user_link_user_id FOREIGN KEY (user_id) REFERENCES dashboard_user (id);

ALTER TABLE recovery_code DROP CONSTRAINT fk_recovery_code_user_id;
CREATE INDEX recovery_code_user ON recovery_code (user_id);
ALTER TABLE recovery_code ADD CONSTRAINT fk_recovery_code_user_id FOREIGN KEY (user_id) REFERENCES dashboard_user (id);

-- Made with its table in V5, after which H2 had made its own for the key.
ALTER TABLE webhook_endpoint DROP CONSTRAINT fk_webhook_endpoint_account_id;
ALTER TABLE webhook_endpoint ADD CONSTRAINT fk_webhook_endpoint_account_id FOREIGN KEY (account_id) REFERENCES account (id);
