-- Deploys of one service's spec (the deploy module's history), and the steps each went
-- through. Portable SQL, as V1: instants are epoch milliseconds, specs are JSON in TEXT.
-- The phase is written before each step, so a daemon killed mid-deploy knows where it was.

CREATE TABLE deploy (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    service       VARCHAR(200) NOT NULL,
    assessment_id VARCHAR(64),
    actor         VARCHAR(200) NOT NULL,
    environment   VARCHAR(100) NOT NULL,
    phase         VARCHAR(20)  NOT NULL,
    verdict       VARCHAR(20),
    reason        TEXT         NOT NULL,
    previous_spec TEXT         NOT NULL,
    new_spec      TEXT         NOT NULL,
    settings      TEXT         NOT NULL,
    started_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    watch_from    BIGINT
);

CREATE INDEX deploy_by_service ON deploy (service, started_at);
CREATE INDEX deploy_by_phase ON deploy (phase);

-- Append-only: one row per phase change, with why.
CREATE TABLE deploy_step (
    deploy_id VARCHAR(64) NOT NULL REFERENCES deploy (id),
    seq       INTEGER     NOT NULL,
    at        BIGINT      NOT NULL,
    phase     VARCHAR(20) NOT NULL,
    detail    TEXT        NOT NULL,
    PRIMARY KEY (deploy_id, seq)
);
