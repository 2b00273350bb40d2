import { FieldError } from '../../common/problem/problem';
import { addDays, addMonths, JapanDate } from '../../common/time/japan-time';

/** An absence of this many school/nursery days in a row or more notifies the lead worker at once. */
export const LONG_ABSENCE_DAYS = 7;
/** A month's report is due by this day of the following month. */
export const REPORT_DEADLINE_DAY = 10;

/** 'YYYY-MM' → the month's first day. */
export function monthStart(month: string): JapanDate {
  return `${month}-01`;
}

/** The month's first day → 'YYYY-MM'. */
export function monthOf(date: JapanDate): string {
  return date.slice(0, 7);
}

export function daysInMonth(monthFirstDay: JapanDate): number {
  return Number(addDays(addMonths(monthFirstDay, 1), -1).slice(8, 10));
}

export function isLongAbsence(longestConsecutiveAbsence: number): boolean {
  return longestConsecutiveAbsence >= LONG_ABSENCE_DAYS;
}

/** The last day a month's report may arrive: the 10th of the next month. */
export function reportDeadline(monthFirstDay: JapanDate): JapanDate {
  return addDays(addMonths(monthFirstDay, 1), REPORT_DEADLINE_DAY - 1);
}

/** Missing means: not received, and the deadline has passed (from the 11th of the next month). */
export function isReportOverdue(monthFirstDay: JapanDate, asOf: JapanDate): boolean {
  return asOf > reportDeadline(monthFirstDay);
}

/** The latest month whose report is overdue on `asOf` (the first day of that month). */
export function latestOverdueMonth(asOf: JapanDate): JapanDate {
  const thisMonth = `${monthOf(asOf)}-01`;
  return Number(asOf.slice(8, 10)) > REPORT_DEADLINE_DAY ? addMonths(thisMonth, -1) : addMonths(thisMonth, -2);
}

export interface AttendanceFigures {
  daysAttended: number;
  daysAbsent: number;
  absencesExplained?: boolean | null;
  longestConsecutiveAbsence: number;
}

/** The figures of a report must add up for the month they report on. */
export function checkAttendanceFigures(figures: AttendanceFigures, monthFirstDay: JapanDate): FieldError[] {
  const errors: FieldError[] = [];
  const days = daysInMonth(monthFirstDay);
  if (figures.daysAttended + figures.daysAbsent > days) {
    errors.push({ field: 'daysAbsent', code: 'more_days_than_the_month', message: `出席日数と欠席日数の合計がその月の日数（${days}日）を超えています。` });
  }
  if (figures.longestConsecutiveAbsence > figures.daysAbsent) {
    errors.push({ field: 'longestConsecutiveAbsence', code: 'more_than_days_absent', message: '最長連続欠席日数が欠席日数を超えています。' });
  }
  if (figures.daysAbsent > 0 && (figures.absencesExplained === undefined || figures.absencesExplained === null)) {
    errors.push({ field: 'absencesExplained', code: 'required_with_absences', message: '欠席の連絡の有無を選択してください。' });
  }
  if (figures.daysAbsent === 0 && figures.absencesExplained !== undefined && figures.absencesExplained !== null) {
    errors.push({ field: 'absencesExplained', code: 'only_with_absences', message: '欠席がない月には指定できません。' });
  }
  return errors;
}
