/**
 * Risk assessments for changes to services: the facade {@link io.warden.governance.GovernanceService}
 * that the API and the CLI call, its configuration {@link io.warden.governance.GovernanceConfig}, and
 * the one unchecked exception root {@link io.warden.governance.GovernanceException} with a subclass
 * per concept (validation, not found, illegal transition, incomplete, approval refused, conflict,
 * storage).
 *
 * <p>Sub-packages hold the concepts: {@code matrix} (likelihood x impact, bands, levels),
 * {@code assessment} (the model, lifecycle, completeness gate, audit entries), {@code approval}
 * (who may approve what), {@code policy} (which changes need an approved assessment), {@code store}
 * (JDBI + Flyway on SQLite or PostgreSQL) and {@code export} (Markdown, JSON, YAML input).
 */
package io.warden.governance;
