/**
 * Storage of assessments, decisions and the audit log with JDBI 3 and one Flyway migration set:
 * a SQLite file by default (WAL, foreign keys on, busy timeout, full sync), PostgreSQL when the
 * JDBC URL is {@code jdbc:postgresql:}. The entry point is {@link io.warden.governance.store.GovernanceStore};
 * its writes go through group commit ({@link io.warden.governance.store.GroupCommit}): writes queued
 * while a commit is in flight share the next transaction and its one fsync, each in a savepoint.
 * Reads go through JDBI; the one-row writes are plain JDBC. On SQLite a background thread
 * ({@link io.warden.governance.store.WalCheckpointer}) copies the write-ahead log into the file, so
 * no commit waits for a checkpoint.
 */
package io.warden.governance.store;
