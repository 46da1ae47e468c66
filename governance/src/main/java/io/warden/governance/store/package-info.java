/**
 * Storage of assessments, decisions and the audit log with JDBI 3 and one Flyway migration set:
 * a SQLite file by default (WAL, foreign keys on, busy timeout, full sync), PostgreSQL when the
 * JDBC URL is {@code jdbc:postgresql:}. The entry point is {@link io.warden.governance.store.GovernanceStore}.
 */
package io.warden.governance.store;
