import { invalidTransition } from '../../common/problem/problem';
import { ShortStayAction, ShortStayStatus } from './short-stay.enums';

/**
 * requested → approved / rejected → in_stay → completed (return check
 * recorded); cancelled from requested or approved (frees the beds). A stay
 * that has begun is not cancelled: an early return is recorded at the
 * return check, which frees the nights not used. Extensions keep the state.
 */
const TRANSITIONS: Record<ShortStayStatus, Partial<Record<ShortStayAction, ShortStayStatus>>> = {
  [ShortStayStatus.Requested]: {
    [ShortStayAction.Update]: ShortStayStatus.Requested,
    [ShortStayAction.Approve]: ShortStayStatus.Approved,
    [ShortStayAction.Reject]: ShortStayStatus.Rejected,
    [ShortStayAction.Cancel]: ShortStayStatus.Cancelled,
  },
  [ShortStayStatus.Approved]: {
    [ShortStayAction.CheckIn]: ShortStayStatus.InStay,
    [ShortStayAction.Extend]: ShortStayStatus.Approved,
    [ShortStayAction.Cancel]: ShortStayStatus.Cancelled,
  },
  [ShortStayStatus.InStay]: {
    [ShortStayAction.Extend]: ShortStayStatus.InStay,
    [ShortStayAction.Complete]: ShortStayStatus.Completed,
  },
  [ShortStayStatus.Rejected]: {},
  [ShortStayStatus.Completed]: {},
  [ShortStayStatus.Cancelled]: {},
};

export function allowedActions(status: ShortStayStatus): ShortStayAction[] {
  return Object.keys(TRANSITIONS[status]) as ShortStayAction[];
}

/** The state after `action`, or a 409 naming the actions allowed from `status`. */
export function nextStatus(status: ShortStayStatus, action: ShortStayAction): ShortStayStatus {
  const next = TRANSITIONS[status][action];
  if (!next) throw invalidTransition(status, action, allowedActions(status));
  return next;
}

/** States that hold beds in the ledger. */
export const BED_HOLDING_STATUSES: readonly ShortStayStatus[] = [ShortStayStatus.Approved, ShortStayStatus.InStay, ShortStayStatus.Completed];
