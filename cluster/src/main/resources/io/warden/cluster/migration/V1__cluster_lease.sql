-- One row per cluster singleton: who holds its lease, until when, and the epoch (the fencing token
-- handed to the service as WARDEN_EPOCH). Every time comes from the database's clock (now()), so
-- the agents' clocks never have to agree. The epoch only ever grows: a new holder writes epoch + 1.

CREATE TABLE cluster_lease (
    service     VARCHAR(200) NOT NULL PRIMARY KEY,
    holder      VARCHAR(300) NOT NULL,
    epoch       BIGINT       NOT NULL CHECK (epoch > 0),
    acquired_at TIMESTAMPTZ  NOT NULL,
    renewed_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
