/**
 * Deploy records, durable in the governance database (its migration V2, SQLite or PostgreSQL):
 * the phase written before each step, the append-only steps, and the specs before and after with
 * their diff.
 */
package io.warden.deploy.history;
