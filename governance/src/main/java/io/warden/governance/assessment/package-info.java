/**
 * The risk assessment: its content as filed ({@link io.warden.governance.assessment.AssessmentContent}
 * and its parts), the stored aggregate ({@link io.warden.governance.assessment.Assessment}) with its
 * status, decisions and retrospective, the {@link io.warden.governance.assessment.Lifecycle}, the
 * {@link io.warden.governance.assessment.CompletenessGate} and the append-only
 * {@link io.warden.governance.assessment.AuditEntry}. All values are immutable records that
 * validate themselves; the decisions here are pure functions.
 */
package io.warden.governance.assessment;
