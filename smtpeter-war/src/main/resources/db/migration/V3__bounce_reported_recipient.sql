-- Bounce classification per recipient (issue "bounce classification"): a report that names
-- several recipients gives one record each, with the address the report named for it. The
-- category column now holds Sisimai's reason names (userunknown, mailboxfull, filtered, ...);
-- rows from before keep the names they were recorded with.

ALTER TABLE bounce ADD COLUMN reported_recipient VARCHAR(320);
