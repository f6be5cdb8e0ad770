-- Tags everywhere (issue 16): a message's tags one row each, so that the message log, the event
-- logs and the statistics filter and count by tag through an index instead of scanning the
-- comma-separated message.tags (which stays: it keeps the order the sender gave).

CREATE TABLE message_tag (
    message_id BIGINT NOT NULL,
    tag VARCHAR(1000) NOT NULL,
    CONSTRAINT message_tag_pkey PRIMARY KEY (message_id, tag),
    CONSTRAINT fk_message_tag_message_id FOREIGN KEY (message_id) REFERENCES message (id)
);
-- "messages with tag x": by tag first; the primary key serves "the tags of message m".
CREATE INDEX message_tag_tag ON message_tag (tag, message_id);

-- The tags of the messages stored before, split at their commas (the same SQL on H2 and PostgreSQL).
INSERT INTO message_tag (message_id, tag)
WITH RECURSIVE split (message_id, tag, rest) AS (
    SELECT id,
           CAST(CASE WHEN POSITION(',' IN tags) > 0 THEN SUBSTRING(tags FROM 1 FOR POSITION(',' IN tags) - 1)
                ELSE tags END AS VARCHAR(1000)),
           CAST(CASE WHEN POSITION(',' IN tags) > 0 THEN SUBSTRING(tags FROM POSITION(',' IN tags) + 1)
                ELSE NULL END AS VARCHAR(1000))
    FROM message WHERE tags IS NOT NULL AND tags <> ''
    UNION ALL
    SELECT message_id,
           CAST(CASE WHEN POSITION(',' IN rest) > 0 THEN SUBSTRING(rest FROM 1 FOR POSITION(',' IN rest) - 1)
                ELSE rest END AS VARCHAR(1000)),
           CAST(CASE WHEN POSITION(',' IN rest) > 0 THEN SUBSTRING(rest FROM POSITION(',' IN rest) + 1)
                ELSE NULL END AS VARCHAR(1000))
    FROM split WHERE rest IS NOT NULL
)
SELECT DISTINCT message_id, tag FROM split WHERE tag <> '';
