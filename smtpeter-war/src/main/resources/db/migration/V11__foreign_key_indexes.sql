-- An index under every foreign key that had none. PostgreSQL, unlike H2, makes none by itself: the
-- recipients of a message were found by scanning all of message_recipient (twice per delivered
-- message, a cost that grew with every message kept), and deleting a message, a credential or an
-- account scanned the tables that refer to it.

CREATE INDEX message_recipient_message ON message_recipient (message_id, position);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id);
-- An account's messages, newest first (message log, statistics).
CREATE INDEX message_account ON message (account_id, received_at);
CREATE INDEX message_credential ON message (credential_id);
CREATE INDEX smtp_credential_account ON smtp_credential (account_id);
CREATE INDEX api_token_account ON api_token (account_id);
CREATE INDEX user_link_user ON user_link (user_id);
CREATE INDEX recovery_code_user ON recovery_code (user_id);
