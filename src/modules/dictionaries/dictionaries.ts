import { ROLE_LABELS } from '../../common/auth/roles';
import { AUDIT_OUTCOME_LABELS } from '../audit/audit-labels';
import { ABUSE_TYPE_LABELS, CASE_STATUS_LABELS, SUPPORT_LEVEL_LABELS } from '../cases/entities/case.entity';
import { MEMBER_RELATIONSHIP_LABELS } from '../cases/entities/case-member.entity';
import { FACILITY_TYPE_LABELS } from '../facilities/facility.entity';
import { CONSULTANT_SCOPE_LABELS, OFFICE_TYPE_LABELS } from '../offices/office.entity';
import { PERSON_KIND_LABELS, SEX_LABELS } from '../persons/person.entity';
import { MAIL_DELIVERY_STATE_LABELS, REMINDER_STAGE_LABELS, REMINDER_STATE_LABELS } from '../reminders/reminder-labels';
import { CENTRE_COORDINATION_DICTIONARIES } from '../referrals/centre-coordination.dictionaries';

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
  ...CENTRE_COORDINATION_DICTIONARIES,
};
