import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { FieldError } from '../../common/problem/problem';
import { addDays, addMonths, JapanDate } from '../../common/time/japan-time';
import { PostpartumCareStatus } from './postpartum-care.entity';
import { PostpartumCareType } from './postpartum-care-type';

/** From the programme settings (pregnancy_settings). */
export interface PostpartumRules {
  /** Mother and baby within this many months of the birth (12: "within one year"). */
  eligibilityMonths: number;
  /** 宿泊型 only while the baby is younger than this (about four months). */
  overnightMaxAgeMonths: number;
}

/**
 * The last day a service may be used: the day before the baby turns the
 * limit in months ("within one year of birth" = up to the day before the
 * first birthday; a baby 364 days old is in, 366 days old is out).
 */
export function lastEligibleDay(type: PostpartumCareType, babyBirthDate: JapanDate, rules: PostpartumRules): JapanDate {
  const months = type === PostpartumCareType.OvernightStay ? Math.min(rules.overnightMaxAgeMonths, rules.eligibilityMonths) : rules.eligibilityMonths;
  return addDays(addMonths(babyBirthDate, months), -1);
}

/** Why the service cannot be used on that date (empty when it can). */
export function checkPostpartumEligibility(type: PostpartumCareType, babyBirthDate: JapanDate, on: JapanDate, rules: PostpartumRules): FieldError[] {
  if (on < babyBirthDate) return [{ field: 'babyBirthDate', code: 'not_born_yet', message: '産後ケアは出生後に利用できます。' }];
  const yearEnd = addDays(addMonths(babyBirthDate, rules.eligibilityMonths), -1);
  if (on > yearEnd) {
    return [{ field: 'babyBirthDate', code: 'beyond_eligibility_period', message: `産後ケアは出生から${rules.eligibilityMonths}か月未満（${yearEnd}まで）が対象です。` }];
  }
  const last = lastEligibleDay(type, babyBirthDate, rules);
  if (type === PostpartumCareType.OvernightStay && on > last) {
    return [{ field: 'serviceType', code: 'overnight_age_limit', message: `宿泊型は生後${rules.overnightMaxAgeMonths}か月未満（${last}まで）が対象です。日帰り型・訪問型をご検討ください。` }];
  }
  return [];
}

export enum PostpartumCareAction {
  Approve = 'approve',
  Reject = 'reject',
  Cancel = 'cancel',
  RecordSession = 'record_session',
}

export const POSTPARTUM_CARE_ACTION_LABELS: Record<PostpartumCareAction, string> = {
  [PostpartumCareAction.Approve]: '承認',
  [PostpartumCareAction.Reject]: '不承認',
  [PostpartumCareAction.Cancel]: '取消',
  [PostpartumCareAction.RecordSession]: '利用記録',
};

/** applied → approved / rejected (supervisor) → completed when every session is used; cancelled from applied or approved. */
export const POSTPARTUM_CARE_TRANSITIONS: Record<PostpartumCareStatus, readonly PostpartumCareAction[]> = {
  [PostpartumCareStatus.Applied]: [PostpartumCareAction.Approve, PostpartumCareAction.Reject, PostpartumCareAction.Cancel],
  [PostpartumCareStatus.Approved]: [PostpartumCareAction.RecordSession, PostpartumCareAction.Cancel],
  [PostpartumCareStatus.Rejected]: [],
  [PostpartumCareStatus.Cancelled]: [],
  [PostpartumCareStatus.Completed]: [],
};

/** Approve and reject: the decisions a supervisor takes (four eyes). */
const DECISIONS: readonly PostpartumCareAction[] = [PostpartumCareAction.Approve, PostpartumCareAction.Reject];

/**
 * Why the caller may not decide (approve or reject) an application, or null:
 * a decision is a supervisor's, and never the one who recorded it.
 */
export function postpartumDecisionRefusal(actor: Actor, createdBy: string): string | null {
  if (!hasRole(actor, Role.Supervisor)) return '産後ケアの承認は保健相談所の係長・所長が行います。';
  if (createdBy === actor.userId) return '自分が受け付けた申請は承認・不承認できません。別の係長・所長が判断してください。';
  return null;
}

/**
 * The actions the caller may take now on an application, for the screen to
 * offer: those its state allows (POSTPARTUM_CARE_TRANSITIONS), none on a
 * record the caller may not edit (another office's, read through a linked
 * case only), and the decisions only as `postpartumDecisionRefusal` permits.
 */
export function allowedPostpartumActions(actor: Actor, application: { status: PostpartumCareStatus; createdBy: string; editable: boolean }): PostpartumCareAction[] {
  if (!application.editable) return [];
  return POSTPARTUM_CARE_TRANSITIONS[application.status].filter((action) => !DECISIONS.includes(action) || postpartumDecisionRefusal(actor, application.createdBy) === null);
}
