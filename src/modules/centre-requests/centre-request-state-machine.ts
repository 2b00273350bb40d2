import { invalidTransition } from '../../common/problem/problem';
import { CentreRequestAction, CentreRequestKind, CentreRequestState, ProgressReportAction, ProgressReportState } from './centre-request.enums';

const S = CentreRequestState;
const A = CentreRequestAction;

/**
 * received → assigned (office and lead worker, case linked or opened) →
 * in_progress → lifted (措置解除, only a 指導措置委託 is a measure that can be
 * lifted) | closed.
 */
const REQUEST_TRANSITIONS: Readonly<Record<CentreRequestState, Readonly<Partial<Record<CentreRequestAction, CentreRequestState>>>>> = {
  [S.Received]: { [A.Assign]: S.Assigned },
  [S.Assigned]: { [A.Start]: S.InProgress },
  [S.InProgress]: { [A.Lift]: S.Lifted, [A.Close]: S.Closed },
  [S.Lifted]: {},
  [S.Closed]: {},
};

export const CentreRequestStateMachine = {
  allowedActions(state: CentreRequestState, kind: CentreRequestKind): CentreRequestAction[] {
    return (Object.keys(REQUEST_TRANSITIONS[state]) as CentreRequestAction[]).filter((action) => action !== A.Lift || kind === CentreRequestKind.EntrustedGuidance);
  },

  next(state: CentreRequestState, kind: CentreRequestKind, action: CentreRequestAction): CentreRequestState {
    const allowed = CentreRequestStateMachine.allowedActions(state, kind);
    if (!allowed.includes(action)) throw invalidTransition(state, action, allowed);
    return REQUEST_TRANSITIONS[state][action]!;
  },

  isOpen(state: CentreRequestState): boolean {
    return state !== S.Lifted && state !== S.Closed;
  },
};

const R = ProgressReportState;
const P = ProgressReportAction;

/**
 * 経過報告: written by the lead worker, reviewed by a supervisor (returned
 * ones are corrected and submitted again), then marked sent to the centre.
 */
const REPORT_TRANSITIONS: Readonly<Record<ProgressReportState, Readonly<Partial<Record<ProgressReportAction, ProgressReportState>>>>> = {
  [R.Draft]: { [P.Submit]: R.Submitted },
  [R.Submitted]: { [P.Approve]: R.Approved, [P.Return]: R.Returned },
  [R.Returned]: { [P.Submit]: R.Submitted },
  [R.Approved]: { [P.MarkSent]: R.Sent },
  [R.Sent]: {},
};

export const ProgressReportStateMachine = {
  allowedActions(state: ProgressReportState): ProgressReportAction[] {
    return Object.keys(REPORT_TRANSITIONS[state]) as ProgressReportAction[];
  },

  next(state: ProgressReportState, action: ProgressReportAction): ProgressReportState {
    const target = REPORT_TRANSITIONS[state][action];
    if (target === undefined) throw invalidTransition(state, action, ProgressReportStateMachine.allowedActions(state));
    return target;
  },

  /** The author edits while the report is being written or after a return. */
  assertEditable(state: ProgressReportState): void {
    if (state !== R.Draft && state !== R.Returned) throw invalidTransition(state, 'edit', ProgressReportStateMachine.allowedActions(state));
  },
};
