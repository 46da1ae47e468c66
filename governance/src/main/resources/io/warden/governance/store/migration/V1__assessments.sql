-- Risk assessments, their review decisions and the append-only audit log.
-- Portable SQL: the same file migrates SQLite and PostgreSQL. Ids are texts made by the
-- application, instants are epoch milliseconds (BIGINT), structured content is JSON in TEXT.

CREATE TABLE assessment (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    version       BIGINT       NOT NULL,
    title         VARCHAR(500) NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    level         VARCHAR(20)  NOT NULL,
    author        VARCHAR(200) NOT NULL,
    review_round  INTEGER      NOT NULL,
    content       TEXT         NOT NULL,
    retrospective TEXT,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL
);

CREATE INDEX assessment_by_status ON assessment (status);
CREATE INDEX assessment_by_level ON assessment (level);
CREATE INDEX assessment_by_created ON assessment (created_at);

CREATE TABLE assessment_service (
    assessment_id VARCHAR(64)  NOT NULL REFERENCES assessment (id),
    service       VARCHAR(200) NOT NULL,
    PRIMARY KEY (assessment_id, service)
);

CREATE INDEX assessment_service_by_service ON assessment_service (service);

CREATE TABLE decision (
    assessment_id VARCHAR(64)  NOT NULL REFERENCES assessment (id),
    seq           INTEGER      NOT NULL,
    review_round  INTEGER      NOT NULL,
    user_name     VARCHAR(200) NOT NULL,
    roles         VARCHAR(500) NOT NULL,
    verdict       VARCHAR(10)  NOT NULL,
    comment       TEXT         NOT NULL,
    decided_at    BIGINT       NOT NULL,
    PRIMARY KEY (assessment_id, seq)
);

-- Append-only: the application never updates or deletes a row of this table.
CREATE TABLE audit_log (
    assessment_id VARCHAR(64)  NOT NULL REFERENCES assessment (id),
    seq           BIGINT       NOT NULL,
    logged_at     BIGINT       NOT NULL,
    actor         VARCHAR(200) NOT NULL,
    actor_role    VARCHAR(500) NOT NULL,
    action        VARCHAR(40)  NOT NULL,
    detail        TEXT         NOT NULL,
    before_json   TEXT,
    after_json    TEXT,
    PRIMARY KEY (assessment_id, seq)
);
