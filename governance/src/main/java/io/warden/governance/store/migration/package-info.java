/** The Flyway migrations of the governance store, one set for SQLite and PostgreSQL (SQL files only). */
package io.warden.governance.store.migration;
