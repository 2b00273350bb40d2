import { FieldError } from '../../common/problem/problem';
import { addDays, daysBetween, JapanDate } from '../../common/time/japan-time';

/**
 * Gestational age and due date arithmetic (Naegele: the due date is 280 days,
 * 40 weeks 0 days, after the first day of the last period).
 *
 * Staff record completed weeks (「妊娠9週」 covers 9w0d–9w6d), so on a date D
 * with W completed weeks the due date lies between D + 280 − 7W − 6 and
 * D + 280 − 7W. On top of that hidden 0–6 days we accept DUE_DATE_TOLERANCE_DAYS
 * either way, for dates corrected by ultrasound after the first count and for
 * weeks rounded by the clinic. Anything outside is a typing error in one of
 * the three dates.
 */
export const FULL_TERM_DAYS = 280;
export const DUE_DATE_TOLERANCE_DAYS = 7;
/** A pregnancy cannot be confirmed before about 4 weeks, and is over by 42. */
export const WEEKS_AT_FILING = { min: 4, max: 41 } as const;
export const WEEKS_AT_INTERVIEW = { min: 4, max: 42 } as const;

/** The due-date window consistent with W completed weeks on date D (inclusive). */
export function dueDateWindow(on: JapanDate, weeks: number): { earliest: JapanDate; latest: JapanDate } {
  const exact = FULL_TERM_DAYS - 7 * weeks;
  return { earliest: addDays(on, exact - 6 - DUE_DATE_TOLERANCE_DAYS), latest: addDays(on, exact + DUE_DATE_TOLERANCE_DAYS) };
}

export function isDueDateConsistent(on: JapanDate, weeks: number, dueDate: JapanDate): boolean {
  const { earliest, latest } = dueDateWindow(on, weeks);
  return dueDate >= earliest && dueDate <= latest;
}

/** Completed weeks on a date, as implied by the due date. */
export function weeksOn(on: JapanDate, dueDate: JapanDate): number {
  return Math.floor((FULL_TERM_DAYS - daysBetween(on, dueDate)) / 7);
}

export interface NotificationDates {
  filedOn: JapanDate;
  weeksAtFiling: number;
  dueDate: JapanDate;
}

/**
 * Field errors for a 妊娠届's dates (empty when they are fine): filed in the
 * future, weeks outside what a pregnancy can be, a due date already past, or
 * a due date that does not match the weeks on the filing date.
 */
export function checkNotificationDates(d: NotificationDates, today: JapanDate): FieldError[] {
  const errors: FieldError[] = [];
  if (d.filedOn > today) errors.push({ field: 'filedOn', code: 'in_future', message: '届出日が未来の日付です。' });
  const weeksOk = d.weeksAtFiling >= WEEKS_AT_FILING.min && d.weeksAtFiling <= WEEKS_AT_FILING.max;
  if (!weeksOk) {
    errors.push({ field: 'weeksAtFiling', code: 'out_of_range', message: `妊娠週数は${WEEKS_AT_FILING.min}〜${WEEKS_AT_FILING.max}週で入力してください。` });
  }
  if (d.dueDate < today) errors.push({ field: 'dueDate', code: 'in_past', message: '出産予定日が過ぎています。' });
  if (weeksOk && !isDueDateConsistent(d.filedOn, d.weeksAtFiling, d.dueDate)) {
    const { earliest, latest } = dueDateWindow(d.filedOn, d.weeksAtFiling);
    errors.push({
      field: 'dueDate',
      code: 'inconsistent_with_weeks',
      message: `出産予定日が届出時の妊娠週数と合いません（${d.filedOn}に${d.weeksAtFiling}週なら${earliest}〜${latest}）。`,
    });
  }
  return errors;
}

export interface InterviewDates {
  interviewedOn: JapanDate;
  weeksAtInterview: number;
  followUpOn: JapanDate | null;
  movePlannedOn: JapanDate | null;
  planningToMove: boolean;
}

/** Field errors for an interview's dates against its 妊娠届. */
export function checkInterviewDates(d: InterviewDates, notification: { filedOn: JapanDate; dueDate: JapanDate }, today: JapanDate): FieldError[] {
  const errors: FieldError[] = [];
  if (d.interviewedOn > today) errors.push({ field: 'interviewedOn', code: 'in_future', message: '面談日が未来の日付です。' });
  if (d.interviewedOn < notification.filedOn) errors.push({ field: 'interviewedOn', code: 'before_filing', message: '面談日が妊娠届の届出日より前です。' });
  const weeksOk = d.weeksAtInterview >= WEEKS_AT_INTERVIEW.min && d.weeksAtInterview <= WEEKS_AT_INTERVIEW.max;
  if (!weeksOk) {
    errors.push({ field: 'weeksAtInterview', code: 'out_of_range', message: `妊娠週数は${WEEKS_AT_INTERVIEW.min}〜${WEEKS_AT_INTERVIEW.max}週で入力してください。` });
  } else if (!isDueDateConsistent(d.interviewedOn, d.weeksAtInterview, notification.dueDate)) {
    errors.push({
      field: 'weeksAtInterview',
      code: 'inconsistent_with_due_date',
      message: `面談時の妊娠週数が出産予定日（${notification.dueDate}）と合いません（予定日からは${weeksOn(d.interviewedOn, notification.dueDate)}週）。`,
    });
  }
  if (d.followUpOn !== null && d.followUpOn < d.interviewedOn) {
    errors.push({ field: 'followUpOn', code: 'before_interview', message: 'フォロー予定日が面談日より前です。' });
  }
  if (d.movePlannedOn !== null && !d.planningToMove) {
    errors.push({ field: 'movePlannedOn', code: 'no_move_planned', message: '転居予定なしのときは転居予定日を入力できません。' });
  }
  return errors;
}
