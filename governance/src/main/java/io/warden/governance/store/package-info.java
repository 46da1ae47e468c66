/**
 * Storage of assessments, decisions and the audit log with JDBI 3 and one Flyway migration set:
 * a SQLite file by default (WAL, foreign keys on, busy timeout, full sync), PostgreSQL when the
 * JDBC URL is {@code jdbc:postgresql:}. The entry point is {@link io.warden.governance.store.GovernanceStore};
 * its writes go through group commit ({@link io.warden.governance.store.GroupCommit}): writes queued
 * while a commit is in flight share the next transaction and its one fsync, each in a savepoint.
 */
package io.warden.governance.store;
