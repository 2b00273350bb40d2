import { invalidTransition } from '../../common/problem/problem';
import { ReferralAction, ReferralState } from './referral.enums';

/**
 * The 送致 life cycle (DOMAIN.md §4): draft → submitted → approved | returned
 * (back to draft for the author) → sent → accepted | declined → closed.
 * A draft that will not be sent is withdrawn (取下げ) rather than deleted, so
 * its history stays. No state is skipped.
 */
const TRANSITIONS: Readonly<Record<ReferralState, Readonly<Partial<Record<ReferralAction, ReferralState>>>>> = {
  [ReferralState.Draft]: { [ReferralAction.Submit]: ReferralState.Submitted, [ReferralAction.Withdraw]: ReferralState.Closed },
  [ReferralState.Submitted]: { [ReferralAction.Approve]: ReferralState.Approved, [ReferralAction.Return]: ReferralState.Returned },
  [ReferralState.Returned]: { [ReferralAction.Revise]: ReferralState.Draft, [ReferralAction.Withdraw]: ReferralState.Closed },
  [ReferralState.Approved]: { [ReferralAction.Send]: ReferralState.Sent },
  [ReferralState.Sent]: { [ReferralAction.Accept]: ReferralState.Accepted, [ReferralAction.Decline]: ReferralState.Declined },
  [ReferralState.Accepted]: { [ReferralAction.Close]: ReferralState.Closed },
  [ReferralState.Declined]: { [ReferralAction.Close]: ReferralState.Closed },
  [ReferralState.Closed]: {},
};

/** States whose content has passed supervisor review: the 送致書 may be produced, the liaison sees them. */
export const APPROVED_OR_LATER: readonly ReferralState[] = [ReferralState.Approved, ReferralState.Sent, ReferralState.Accepted, ReferralState.Declined];

export const ReferralStateMachine = {
  /** The actions the machine allows from a state, in a stable order. */
  allowedActions(state: ReferralState): ReferralAction[] {
    return Object.keys(TRANSITIONS[state]) as ReferralAction[];
  },

  canPerform(state: ReferralState, action: ReferralAction): boolean {
    return TRANSITIONS[state][action] !== undefined;
  },

  /** The state after `action`, or a 409 naming the actions allowed from `state`. */
  next(state: ReferralState, action: ReferralAction): ReferralState {
    const target = TRANSITIONS[state][action];
    if (target === undefined) throw invalidTransition(state, action, ReferralStateMachine.allowedActions(state));
    return target;
  },

  /** Only drafts are edited; anything else answers 409 with what can be done instead. */
  assertEditable(state: ReferralState): void {
    if (state !== ReferralState.Draft) throw invalidTransition(state, 'edit', ReferralStateMachine.allowedActions(state));
  },
};
