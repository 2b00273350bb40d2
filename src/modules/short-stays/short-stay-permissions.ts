import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { allowedActions } from './short-stay-state-machine';
import { ShortStayAction, ShortStayStatus } from './short-stay.enums';

/** What decides who may act on a stay, beside its state. */
export interface ShortStayActionFacts {
  status: ShortStayStatus;
  /** The office holding the stay (the requesting one, or the one its case moved to while the stay was open): its supervisors decide. */
  officeId: string;
  /** The office of the stay's case now: a stay of a case shared with the caller's office is read only. */
  caseOfficeId: string;
  /** A closed case books no more nights: no approval, no extension. */
  caseClosed: boolean;
  requestedBy: string;
  /** The policy that judged the stay says an extension is a supervisor's decision (true when there is none yet). */
  extensionBySupervisor: boolean;
}

/**
 * Why the caller may not take a decision on the stay (`what`: 承認・不承認,
 * 延長), or null: a supervisor of the office holding it who did not request it.
 */
export function shortStayDeciderRefusal(actor: Actor, stay: Pick<ShortStayActionFacts, 'officeId' | 'requestedBy'>, what: string): string | null {
  if (!hasRole(actor, Role.Supervisor) || actor.officeId !== stay.officeId) return `${what}は申請した事務所の係長・所長が行います。`;
  if (stay.requestedBy === actor.userId) return `自分が申請したショートステイの${what}はできません。別の係長・所長が行ってください。`;
  return null;
}

/** Only the requester changes a request. */
export function shortStayUpdateRefusal(actor: Actor, stay: Pick<ShortStayActionFacts, 'requestedBy'>): string | null {
  return stay.requestedBy === actor.userId ? null : '申請内容を変更できるのは申請者のみです。';
}

/**
 * The actions the caller may take now, for the screen to offer: those the
 * state allows, none on a stay whose case is only shared with the caller's
 * office (every action writes the case's record), none that books nights on
 * a closed case, and each under the same refusal its route applies.
 */
export function allowedShortStayActions(actor: Actor, stay: ShortStayActionFacts): ShortStayAction[] {
  if (!hasRole(actor, Role.Consultant, Role.Supervisor) || stay.caseOfficeId !== actor.officeId) return [];
  return allowedActions(stay.status).filter((action) => {
    switch (action) {
      case ShortStayAction.Update:
        return shortStayUpdateRefusal(actor, stay) === null;
      case ShortStayAction.Approve:
        return !stay.caseClosed && shortStayDeciderRefusal(actor, stay, '承認・不承認') === null;
      case ShortStayAction.Reject:
        return shortStayDeciderRefusal(actor, stay, '承認・不承認') === null;
      case ShortStayAction.Extend:
        return !stay.caseClosed && (!stay.extensionBySupervisor || shortStayDeciderRefusal(actor, stay, '延長') === null);
      default:
        return true;
    }
  });
}
