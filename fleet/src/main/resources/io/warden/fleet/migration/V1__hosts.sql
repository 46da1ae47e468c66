-- The fleet registry: one row per agent (a Warden daemon with its own state directory) sharing
-- this database. PostgreSQL only: with SQLite the registry is the agent itself, no table.
-- Instants are epoch milliseconds of the DATABASE clock (every agent reads the same clock, so
-- staleness does not depend on the skew between hosts); services are JSON in TEXT, as in the
-- governance tables. A row is never deleted by Warden: a dead agent shows as unreachable.

CREATE TABLE hosts (
    agent_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    host_name    VARCHAR(255) NOT NULL,
    version      VARCHAR(100) NOT NULL,
    api_url      VARCHAR(500) NOT NULL,
    state        VARCHAR(20)  NOT NULL,
    started_at   BIGINT       NOT NULL,
    heartbeat_at BIGINT       NOT NULL,
    services     TEXT         NOT NULL
);
