/**
 * The risk matrix: a {@link io.warden.governance.matrix.Risk} scores likelihood (1-5) x impact (1-5),
 * {@link io.warden.governance.matrix.RiskBands} map scores to a
 * {@link io.warden.governance.matrix.RiskLevel}, and an assessment's level is its highest risk's.
 */
package io.warden.governance.matrix;
