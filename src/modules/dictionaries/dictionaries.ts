import { ROLE_LABELS } from '../../common/auth/roles';
import { AUDIT_OUTCOME_LABELS } from '../audit/audit-labels';
import { OFFICE_TYPE_LABELS } from '../offices/office.entity';

/**
 * Code → Japanese label for every enum the API exposes, so the UI never hard
 * codes a label. Each feature adds its own dictionaries here.
 */
export const DICTIONARIES: Record<string, Record<string, string>> = {
  role: ROLE_LABELS,
  officeType: OFFICE_TYPE_LABELS,
  auditOutcome: AUDIT_OUTCOME_LABELS,
};
