/**
 * The analysis after a deploy (Argo Rollouts style): an assessment's monitoring thresholds become
 * alert rules ({@link io.warden.deploy.watch.ThresholdRules}), evaluated every interval by the
 * alerts module's evaluator ({@link io.warden.deploy.watch.Watch}); the decisions (failureLimit,
 * consecutiveErrorLimit, the inconclusive policy, never a silent pass) are pure and tested with a
 * moved clock ({@code Analysis}).
 */
package io.warden.deploy.watch;
