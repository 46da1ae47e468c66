/**
 * Which changes need an approved assessment before they deploy: {@link io.warden.governance.policy.Policy},
 * a pure function of level, tags and environment, answering with a
 * {@link io.warden.governance.policy.PolicyDecision} that names its reasons.
 */
package io.warden.governance.policy;
