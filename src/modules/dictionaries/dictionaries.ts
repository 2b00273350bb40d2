import { ROLE_LABELS } from '../../common/auth/roles';
import { AUDIT_OUTCOME_LABELS } from '../audit/audit-labels';
import { ABUSE_TYPE_LABELS, CASE_STATUS_LABELS, SUPPORT_LEVEL_LABELS } from '../cases/entities/case.entity';
import { MEMBER_RELATIONSHIP_LABELS } from '../cases/entities/case-member.entity';
import { FACILITY_TYPE_LABELS } from '../facilities/facility.entity';
import { CONSULTANT_SCOPE_LABELS, OFFICE_TYPE_LABELS } from '../offices/office.entity';
import { PERSON_KIND_LABELS, SEX_LABELS } from '../persons/person.entity';
import { MAIL_DELIVERY_STATE_LABELS, REMINDER_STAGE_LABELS, REMINDER_STATE_LABELS } from '../reminders/reminder-labels';
import { CASE_REMINDER_RULE_LABELS } from '../cases/case-reminder-rules';
import { CASE_EVENT_KIND_LABELS } from '../cases/entities/case-event.entity';
import { CONTACT_TYPE_LABELS } from '../cases/entities/case-note.entity';
import { CASE_TRANSFER_STATUS_LABELS } from '../cases/entities/case-transfer.entity';
import { PROGRESS_REVIEW_DECISION_LABELS } from '../cases/entities/progress-review.entity';
import {
  CHILD_ABUSE_REPORT_STATUS_LABELS,
  REPORT_ASSESSMENT_LABELS,
  REPORT_SOURCE_LABELS,
  REPORT_URGENCY_LABELS,
  RULE48_RESULT_LABELS,
  SAFETY_CONFIRMATION_METHOD_LABELS,
} from '../child-abuse-reports/child-abuse-report.entity';
import { REPORT_REMINDER_RULE_LABELS } from '../child-abuse-reports/report-reminder-rules';
import { RULE48_STATUS_LABELS } from '../child-abuse-reports/rule48';
import { CASE_SHARE_REASON_LABELS, DUPLICATE_REASON_LABELS } from '../cases/case-labels';

/**
 * Code → Japanese label for every enum the API exposes, so the UI never hard
 * codes a label. Each feature adds its own dictionaries here.
 */
export const DICTIONARIES: Record<string, Record<string, string>> = {
  role: ROLE_LABELS,
  officeType: OFFICE_TYPE_LABELS,
  consultantScope: CONSULTANT_SCOPE_LABELS,
  auditOutcome: AUDIT_OUTCOME_LABELS,
  personKind: PERSON_KIND_LABELS,
  sex: SEX_LABELS,
  supportLevel: SUPPORT_LEVEL_LABELS,
  abuseType: ABUSE_TYPE_LABELS,
  caseStatus: CASE_STATUS_LABELS,
  memberRelationship: MEMBER_RELATIONSHIP_LABELS,
  facilityType: FACILITY_TYPE_LABELS,
  reminderState: REMINDER_STATE_LABELS,
  reminderStage: REMINDER_STAGE_LABELS,
  mailDeliveryState: MAIL_DELIVERY_STATE_LABELS,
  // cases registry and 通告 intake (issue 4)
  contactType: CONTACT_TYPE_LABELS,
  caseEventKind: CASE_EVENT_KIND_LABELS,
  caseTransferStatus: CASE_TRANSFER_STATUS_LABELS,
  caseShareReason: CASE_SHARE_REASON_LABELS,
  duplicateReason: DUPLICATE_REASON_LABELS,
  progressReviewDecision: PROGRESS_REVIEW_DECISION_LABELS,
  reportSource: REPORT_SOURCE_LABELS,
  reportUrgency: REPORT_URGENCY_LABELS,
  childAbuseReportStatus: CHILD_ABUSE_REPORT_STATUS_LABELS,
  rule48Result: RULE48_RESULT_LABELS,
  rule48Status: RULE48_STATUS_LABELS,
  reportAssessment: REPORT_ASSESSMENT_LABELS,
  safetyConfirmationMethod: SAFETY_CONFIRMATION_METHOD_LABELS,
  caseReminderRule: { ...CASE_REMINDER_RULE_LABELS, ...REPORT_REMINDER_RULE_LABELS },
};
