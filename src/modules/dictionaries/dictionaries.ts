import { ROLE_LABELS } from '../../common/auth/roles';
import { AUDIT_OUTCOME_LABELS } from '../audit/audit-labels';
import { ABUSE_TYPE_LABELS, CASE_STATUS_LABELS, SUPPORT_LEVEL_LABELS } from '../cases/entities/case.entity';
import { MEMBER_RELATIONSHIP_LABELS } from '../cases/entities/case-member.entity';
import { FACILITY_TYPE_LABELS } from '../facilities/facility.entity';
import { CONSULTANT_SCOPE_LABELS, OFFICE_TYPE_LABELS } from '../offices/office.entity';
import { PERSON_KIND_LABELS, SEX_LABELS } from '../persons/person.entity';
import { MAIL_DELIVERY_STATE_LABELS, REMINDER_STAGE_LABELS, REMINDER_STATE_LABELS } from '../reminders/reminder-labels';
import { POSTPARTUM_CARE_STATUS_LABELS } from '../postpartum-care/postpartum-care.entity';
import { POSTPARTUM_CARE_ACTION_LABELS } from '../postpartum-care/postpartum-eligibility';
import { POSTPARTUM_CARE_TYPE_LABELS } from '../postpartum-care/postpartum-care-type';
import { POSTPARTUM_REMINDER_RULE_LABELS } from '../postpartum-care/postpartum-reminders';
import * as interview from '../pregnancy-interviews/pregnancy-interview.entity';
import { SCREENING_FACTOR_LABELS } from '../pregnancy-interviews/support-need.rule';
import { CONTACT_METHOD_LABELS, CONTACT_RESULT_LABELS } from '../pregnancy-notifications/contact-attempt.entity';
import { PREGNANCY_HISTORY_ACTION_LABELS } from '../pregnancy-notifications/pregnancy-history';
import { BIRTH_ORDER_LABELS, PREGNANCY_NOTIFICATION_STATUS_LABELS, SPECIFIED_STATUS_LABELS } from '../pregnancy-notifications/pregnancy-notification.entity';
import { PREGNANCY_REMINDER_RULE_LABELS } from '../pregnancy-notifications/pregnancy-reminders';
import { SHORT_STAY_DICTIONARIES } from '../short-stays/short-stay.enums';
import { FACILITY_ROUND_STATUS_LABELS, ROUND_ATTENDANCE_LABELS } from '../facility-rounds/entities/facility-round.entity';
import { FACILITY_ROUND_RULE_LABELS } from '../facility-rounds/facility-round-reminders';
import { VISIT_FREQUENCY_LABELS, WATCH_VISIT_PLAN_STATUS_LABELS } from '../watch-visits/entities/watch-visit-plan.entity';
import { WATCH_VISIT_PLAN_ACTION_LABELS } from '../watch-visits/entities/watch-visit-plan-event.entity';
import {
  CHILD_CONDITION_LABELS,
  RISK_CHANGE_LABELS,
  VISIT_NOT_DONE_REASON_LABELS,
  VISIT_OUTCOME_LABELS,
  WATCH_VISIT_ALERT_LABELS,
} from '../watch-visits/entities/watch-visit.entity';
import { WATCH_VISIT_RULE_LABELS } from '../watch-visits/watch-visit-reminders';
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
import { CENTRE_COORDINATION_DICTIONARIES } from '../referrals/centre-coordination.dictionaries';
import { MEASURE_GROUP_LABELS, MEASURE_LABELS } from '../measures/definitions';
import { MEASURE_UNIT_LABELS } from '../measures/measure';

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
  // 妊娠届・妊婦面談・産後ケア
  pregnancyNotificationStatus: PREGNANCY_NOTIFICATION_STATUS_LABELS,
  birthOrder: BIRTH_ORDER_LABELS,
  specifiedStatus: SPECIFIED_STATUS_LABELS,
  pregnancyHistoryAction: PREGNANCY_HISTORY_ACTION_LABELS,
  contactMethod: CONTACT_METHOD_LABELS,
  contactResult: CONTACT_RESULT_LABELS,
  interviewPlace: interview.INTERVIEW_PLACE_LABELS,
  partnerSituation: interview.PARTNER_SITUATION_LABELS,
  supportPerson: interview.SUPPORT_PERSON_LABELS,
  substanceUse: interview.SUBSTANCE_USE_LABELS,
  insuranceType: interview.INSURANCE_TYPE_LABELS,
  housingType: interview.HOUSING_TYPE_LABELS,
  pregnancyFeeling: interview.PREGNANCY_FEELING_LABELS,
  requestedService: interview.REQUESTED_SERVICE_LABELS,
  supportNeed: interview.SUPPORT_NEED_LABELS,
  screeningFactor: SCREENING_FACTOR_LABELS,
  postpartumCareType: POSTPARTUM_CARE_TYPE_LABELS,
  postpartumCareStatus: POSTPARTUM_CARE_STATUS_LABELS,
  postpartumCareAction: POSTPARTUM_CARE_ACTION_LABELS,
  pregnancyReminderRule: { ...PREGNANCY_REMINDER_RULE_LABELS, ...POSTPARTUM_REMINDER_RULE_LABELS },
  ...SHORT_STAY_DICTIONARIES,
  // 見守り訪問・巡回訪問
  visitFrequency: VISIT_FREQUENCY_LABELS,
  watchVisitPlanStatus: WATCH_VISIT_PLAN_STATUS_LABELS,
  watchVisitPlanAction: WATCH_VISIT_PLAN_ACTION_LABELS,
  visitOutcome: VISIT_OUTCOME_LABELS,
  visitNotDoneReason: VISIT_NOT_DONE_REASON_LABELS,
  riskChange: RISK_CHANGE_LABELS,
  childCondition: CHILD_CONDITION_LABELS,
  watchVisitAlert: WATCH_VISIT_ALERT_LABELS,
  watchVisitReminderRule: WATCH_VISIT_RULE_LABELS,
  facilityRoundStatus: FACILITY_ROUND_STATUS_LABELS,
  roundAttendance: ROUND_ATTENDANCE_LABELS,
  facilityRoundReminderRule: FACILITY_ROUND_RULE_LABELS,
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
  ...CENTRE_COORDINATION_DICTIONARIES,
  measure: MEASURE_LABELS,
  measureGroup: MEASURE_GROUP_LABELS,
  measureUnit: MEASURE_UNIT_LABELS,
};
