/**
 * Who may approve what: {@link io.warden.governance.approval.Approver} (a user and their roles, as the
 * API maps a bearer token), {@link io.warden.governance.approval.ApprovalRule} (all-of and any-of role
 * groups for one level) and {@link io.warden.governance.approval.ApprovalMatrix} (a rule per level and
 * the known roles). One person fills one role: completion is a matching of distinct approvers to the
 * rule's slots.
 */
package io.warden.governance.approval;
