/** The Flyway migrations of the cluster's lease table (PostgreSQL only; SQL files only). */
package io.warden.cluster.migration;
