import { ROLE_LABELS } from '../../common/auth/roles';
import { AUDIT_OUTCOME_LABELS } from '../audit/audit-labels';
import { OFFICE_TYPE_LABELS } from '../offices/office.entity';
import { MAIL_DELIVERY_STATE_LABELS, REMINDER_STAGE_LABELS, REMINDER_STATE_LABELS } from '../reminders/reminder-labels';

/**
 * Code → Japanese label for every enum the API exposes, so the UI never hard
 * codes a label. Each feature adds its own dictionaries here.
 */
export const DICTIONARIES: Record<string, Record<string, string>> = {
  role: ROLE_LABELS,
  officeType: OFFICE_TYPE_LABELS,
  auditOutcome: AUDIT_OUTCOME_LABELS,
  reminderState: REMINDER_STATE_LABELS,
  reminderStage: REMINDER_STAGE_LABELS,
  mailDeliveryState: MAIL_DELIVERY_STATE_LABELS,
};
