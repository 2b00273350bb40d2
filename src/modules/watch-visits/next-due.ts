import { addDays, addMonths, JapanDate } from '../../common/time/japan-time';
import { addWorkingDays } from '../../common/time/working-days';
import { VisitFrequency, WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';

export interface NextDueInput {
  status: WatchVisitPlanStatus;
  frequency: VisitFrequency;
  intervalDays: number | null;
  startOn: JapanDate;
  /** The latest visit that was done: its date and the next visit date agreed there, if any. */
  lastDone: { visitedOn: JapanDate; nextVisitOn: JapanDate | null } | null;
  /** A re-visit date set by an attempt (not done) after the last visit done, if any. */
  revisitOn: JapanDate | null;
  /** The last resumption after a pause. */
  resumedOn: JapanDate | null;
}

/**
 * The date the next watch visit is due, derived from the last visit done:
 * - a paused or ended plan has none (nothing is due, no reminder runs);
 * - a re-visit date set after a failed attempt (no one home, refused) comes
 *   first, then a next visit date agreed at the last visit done;
 * - otherwise the last visit done plus the plan's interval, moved to the next
 *   working day when it falls on a weekend, holiday or the year-end closure
 *   (an agreed date is kept as agreed: a Saturday visit may be arranged);
 * - before any visit is done, the plan's start date;
 * - never before the day the plan was last resumed: a family back from a long
 *   stay away is due from that day, not overdue for the weeks it was away.
 */
export function deriveNextDue(input: NextDueInput): JapanDate | null {
  if (input.status !== WatchVisitPlanStatus.Active) return null;
  let due: JapanDate;
  if (input.revisitOn) due = input.revisitOn;
  else if (input.lastDone?.nextVisitOn) due = input.lastDone.nextVisitOn;
  else if (input.lastDone) due = addWorkingDays(addInterval(input.lastDone.visitedOn, input.frequency, input.intervalDays), 0);
  else due = input.startOn;
  if (input.resumedOn && due < input.resumedOn) due = input.resumedOn;
  return due;
}

export function addInterval(date: JapanDate, frequency: VisitFrequency, intervalDays: number | null): JapanDate {
  switch (frequency) {
    case VisitFrequency.Weekly:
      return addDays(date, 7);
    case VisitFrequency.Biweekly:
      return addDays(date, 14);
    case VisitFrequency.Monthly:
      return addMonths(date, 1);
    case VisitFrequency.Custom:
      if (!intervalDays || intervalDays < 1) throw new RangeError('a custom frequency needs intervalDays');
      return addDays(date, intervalDays);
  }
}
