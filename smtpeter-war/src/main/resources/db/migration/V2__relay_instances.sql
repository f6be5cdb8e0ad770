-- Several relays on one database (issue "crash recovery"): each running instance registers with a
-- heartbeat, and a claimed delivery names the instance that sends it, so that the claims of an
-- instance whose heartbeat stopped are put back by the live ones.

CREATE TABLE relay_instance (
    id VARCHAR(36) NOT NULL,
    host_name VARCHAR(255) NOT NULL,
    started_at TIMESTAMP NOT NULL,
    heartbeat_at TIMESTAMP NOT NULL,
    CONSTRAINT relay_instance_pkey PRIMARY KEY (id)
);

ALTER TABLE delivery ADD COLUMN claimed_by VARCHAR(36);
