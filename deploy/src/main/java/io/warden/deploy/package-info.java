/**
 * Governed deploys of one service's spec (issue 19, docs/deploy.md): {@link io.warden.deploy.Deployer}
 * is the facade the API, the CLI and the daemon call. A deploy is gated by the governance policy
 * ({@code gate}), applied and awaited healthy ({@code rollout}), watched against its assessment's
 * thresholds by the alerts evaluator ({@code watch}), then promoted, paused or rolled back, and
 * recorded phase by phase ({@code history}) so that a daemon restart resumes or rolls it back.
 *
 * <p>Services are run through {@link io.warden.deploy.ServiceControl}, which the daemon implements
 * over the supervisor; time through an injected clock and {@link io.warden.deploy.Sleeper}.
 * This module never depends on api, daemon or cli.
 */
package io.warden.deploy;
