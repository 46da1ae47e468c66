/**
 * {@code /api/v1/assessments...}: the risk assessments of the governance module over HTTP. The
 * routes are thin: they read the body (JSON or YAML through the governance codec), name the caller
 * as an {@link io.warden.governance.approval.Approver} from the authenticated principal (user and
 * roles from {@code auth.tokens[]}), call {@link io.warden.governance.GovernanceService} and
 * translate its exceptions once, in {@code GovernanceProblems}.
 *
 * <p>Scopes: reads need {@code read}; every write needs {@code admin}. The scope says whether a
 * token may change anything at all; who may approve what is the approval matrix's business,
 * decided by the token's roles, so a read-only token can never author or approve.
 */
package io.warden.api.governance;
