import { addDays, daysBetween, JapanDate } from '../../common/time/japan-time';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../common/time/working-days';

/** A visit overdue by this many working days is escalated to the office's supervisors. */
export const ESCALATE_AFTER_WORKING_DAYS = 3;

export interface OverdueFacts {
  /** Calendar days since the due date. */
  daysOverdue: number;
  /** Working days since the due date: weekends, holidays and the year-end closure do not count. */
  workingDaysOverdue: number;
  escalated: boolean;
}

/** How late a visit due on `dueOn` is on `asOf` (a visit is overdue from the day after its due date). */
export function overdueFacts(dueOn: JapanDate, asOf: JapanDate): OverdueFacts {
  const workingDaysOverdue = Math.max(0, workingDaysBetween(dueOn, asOf));
  return { daysOverdue: Math.max(0, daysBetween(dueOn, asOf)), workingDaysOverdue, escalated: workingDaysOverdue >= ESCALATE_AFTER_WORKING_DAYS };
}

/**
 * The latest due date that is at least `n` working days overdue on `asOf`, so
 * that "escalated only" filters in SQL (`next_due_on <= cutoff`) agree with
 * `overdueFacts`. (d, asOf] holds n working days exactly when d is before the
 * n-th working day counted back from asOf.
 */
export function overdueCutoff(asOf: JapanDate, n: number): JapanDate {
  if (n <= 0) return asOf;
  const nthBack = isWorkingDay(asOf) ? addWorkingDays(asOf, -(n - 1)) : addWorkingDays(asOf, -n);
  return addDays(nthBack, -1);
}
