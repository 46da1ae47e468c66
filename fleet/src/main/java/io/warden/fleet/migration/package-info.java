/** The fleet registry's Flyway migrations (resources only), opened so that Flyway finds them. */
package io.warden.fleet.migration;
