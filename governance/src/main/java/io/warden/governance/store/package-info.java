/**
 * Storage of assessments, decisions and the audit log with JDBI 3 and one Flyway migration set:
 * a SQLite file by default (WAL, foreign keys on, busy timeout, full sync), PostgreSQL when the
 * JDBC URL is {@code jdbc:postgresql:}. The entry point is {@link io.warden.governance.store.GovernanceStore};
 * its writes go through group commit ({@link io.warden.governance.store.GroupCommit}): writes queued
 * while a commit is in flight share the next transaction and its one fsync (savepoints per write
 * only when one of them failed). Reads go through JDBI and the pool; the one-row writes are plain
 * JDBC, on SQLite on the committer's own connection outside the pool with the statements prepared
 * once ({@link io.warden.governance.store.CommitConnection}). On SQLite a background thread
 * ({@link io.warden.governance.store.WalCheckpointer}) copies the write-ahead log into the file, so
 * no commit waits for a checkpoint.
 */
package io.warden.governance.store;
