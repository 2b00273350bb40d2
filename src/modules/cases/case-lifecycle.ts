import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { invalidTransition } from '../../common/problem/problem';
import { CaseStatus } from './entities/case.entity';

/**
 * What can be done to a case in each status. A closed case is a finished
 * record: nothing is added to it until a supervisor reopens it.
 */
export type CaseStateAction = 'edit' | 'close' | 'reopen';

const ALLOWED: Record<CaseStatus, readonly CaseStateAction[]> = {
  [CaseStatus.Open]: ['edit', 'close'],
  [CaseStatus.Reopened]: ['edit', 'close'],
  [CaseStatus.Closed]: ['reopen'],
};

export function allowedStateActions(status: CaseStatus): readonly CaseStateAction[] {
  return ALLOWED[status];
}

/** Throws 409 `invalid-state-transition` (with the allowed actions) when `action` is not possible in `status`. */
export function assertCaseStateAction(status: CaseStatus, action: CaseStateAction): void {
  if (!ALLOWED[status].includes(action)) throw invalidTransition(status, action, ALLOWED[status]);
}

export function statusAfter(status: CaseStatus, action: 'close' | 'reopen'): CaseStatus {
  assertCaseStateAction(status, action);
  return action === 'close' ? CaseStatus.Closed : CaseStatus.Reopened;
}

/** API actions a caller may take on a case, for the UI's buttons (the server checks each again). */
export type CaseUiAction =
  | 'update'
  | 'add_member'
  | 'add_note'
  | 'record_report'
  | 'record_progress_review'
  | 'assign'
  | 'close'
  | 'reopen'
  | 'restrict'
  | 'unrestrict'
  | 'transfer';

export function caseUiActions(actor: Actor, c: { status: CaseStatus; restricted: boolean; pendingTransfer: boolean }, level: 'full' | 'read_only'): CaseUiAction[] {
  if (level !== 'full') return [];
  const supervisor = hasRole(actor, Role.Supervisor);
  const editable = ALLOWED[c.status].includes('edit');
  const actions: CaseUiAction[] = [];
  if (editable) actions.push('update', 'add_member', 'add_note', 'record_report', 'record_progress_review');
  if (supervisor) {
    if (editable) actions.push('assign', 'close', c.restricted ? 'unrestrict' : 'restrict');
    if (editable && !c.pendingTransfer) actions.push('transfer');
    if (c.status === CaseStatus.Closed) actions.push('reopen');
  }
  return actions;
}
