-- Which agent ran each deploy (its fleet agent id, docs/fleet.md): agents sharing one PostgreSQL
-- share the history, and each must recover, roll back and start from its own deploys only.
-- Deploys recorded before this migration have no host; every agent treats them as its own (the
-- database had one agent then).

ALTER TABLE deploy ADD COLUMN host VARCHAR(64);

CREATE INDEX deploy_by_host ON deploy (host, service, started_at);
