/**
 * Whether a deploy may proceed: {@link io.warden.deploy.gate.Gate} reads the governance policy and
 * the assessment, and answers with a {@link io.warden.deploy.gate.GateDecision} that names the
 * rule and what would satisfy it (the assessment to use, the approvals missing). A refusal is exit
 * code 4 in the CLI.
 */
package io.warden.deploy.gate;
