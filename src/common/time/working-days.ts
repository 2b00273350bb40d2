import holidayJp from '@holiday-jp/holiday_jp';
import { dateOfDayNumber, dayNumber, dayOfWeek, isValidJapanDate, JapanDate, OutsideCalendarError } from './japan-time';

/**
 * Working days of the ward offices: Monday to Friday, except Japanese national
 * holidays (from the maintained `@holiday-jp/holiday_jp` data, substitute and
 * citizens' holidays included) and the year-end closure 12/29–1/3.
 */
const NATIONAL_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(holidayJp.holidays));
const YEARS = [...NATIONAL_HOLIDAYS].map((date) => Number(date.slice(0, 4)));
const FIRST_YEAR = Math.min(...YEARS);
const LAST_YEAR = Math.max(...YEARS);
/** The years working days can be counted in: those of the holiday data. */
export const WORKING_DAY_YEARS = { first: FIRST_YEAR, last: LAST_YEAR } as const;

function checked(date: JapanDate): JapanDate {
  if (!isValidJapanDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const year = Number(date.slice(0, 4));
  // Outside the data set a holiday would silently count as a working day.
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new OutsideCalendarError(`no holiday data for ${year}`);
  return date;
}

export function isNationalHoliday(date: JapanDate): boolean {
  return NATIONAL_HOLIDAYS.has(checked(date));
}

/** 12/29 to 1/3: the ward offices are closed (年末年始). */
export function isYearEndClosure(date: JapanDate): boolean {
  const monthDay = checked(date).slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

export function isWorkingDay(date: JapanDate): boolean {
  return isWorkingIndex(dayNumber(checked(date)) - workingDayTable().first);
}

/**
 * Working days counted once for every day of the holiday data's years:
 * `before[i]` is the number of working days among the first `i` days from
 * 1 January of FIRST_YEAR. Counting the working days between two dates is
 * then a subtraction — an overdue list computes it for every row, and a day
 * by day walk over a long overdue spell cost more than the page's queries.
 * Built on first use (a few milliseconds).
 */
let table: { first: number; before: Int32Array } | null = null;
function workingDayTable(): { first: number; before: Int32Array } {
  if (table) return table;
  const first = dayNumber(`${FIRST_YEAR}-01-01`);
  const days = dayNumber(`${LAST_YEAR}-12-31`) - first + 1;
  const before = new Int32Array(days + 1);
  for (let i = 0; i < days; i++) {
    const date = dateOfDayNumber(first + i);
    const weekday = dayOfWeek(date);
    const working = weekday !== 0 && weekday !== 6 && !NATIONAL_HOLIDAYS.has(date) && !isYearEndClosure(date);
    before[i + 1] = before[i] + (working ? 1 : 0);
  }
  table = { first, before };
  return table;
}

/** Whether the table's day `index` (days from 1 January of FIRST_YEAR) is a working day; beyond the data, an error. */
function isWorkingIndex(index: number): boolean {
  const { first, before } = workingDayTable();
  if (index < 0 || index >= before.length - 1) throw new OutsideCalendarError(`no holiday data for ${dateOfDayNumber(first + index).slice(0, 4)}`);
  return before[index + 1] !== before[index];
}

/**
 * The date `n` working days after `date` (before it when `n` is negative).
 * Counting starts from the next working day, so `addWorkingDays(friday, 1)` is
 * the following Monday; `n = 0` rolls a non-working day forward to the next
 * working day and leaves a working day as it is.
 */
export function addWorkingDays(date: JapanDate, n: number): JapanDate {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  // Walked over the table's day indexes, not over date strings: every visit recorded moves a reminder by
  // working days, and formatting and re-validating a date at each step of the walk was most of its cost.
  const { first } = workingDayTable();
  let day = dayNumber(checked(date)) - first;
  if (n === 0) {
    while (!isWorkingIndex(day)) day += 1;
    return dateOfDayNumber(first + day);
  }
  const step = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    day += step;
    if (isWorkingIndex(day)) remaining -= 1;
  }
  return dateOfDayNumber(first + day);
}

/**
 * Working days elapsed from `a` to `b`: the working days in (a, b], negative
 * when `b` is before `a`. "Waiting more than 2 working days" reads as
 * `workingDaysBetween(submittedOn, today) > 2`.
 */
export function workingDaysBetween(a: JapanDate, b: JapanDate): number {
  const { first, before } = workingDayTable();
  // before[day + 1] counts the working days up to and including `day`: the difference is those in (a, b].
  const upTo = (date: JapanDate) => before[dayNumber(checked(date)) - first + 1];
  return upTo(b) - upTo(a);
}
