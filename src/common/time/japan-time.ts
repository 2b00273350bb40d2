/**
 * Calendar dates are Japan dates ('YYYY-MM-DD', Asia/Tokyo); instants are UTC
 * `Date`s. Japan has had no daylight saving time since 1951, so the offset is
 * a constant +09:00 and the arithmetic below needs no time-zone database.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date in Japan, as 'YYYY-MM-DD'. */
export type JapanDate = string;

/**
 * Reads 'YYYY-MM-DD' into its numbers, or null when it is not a calendar
 * date. Read character by character, without a regular expression or a
 * Date: lists work out several dates per row (an overdue list's working
 * days, for one), and this check was over a tenth of such a list's CPU.
 * Years before 100 are refused, as they always were here (JavaScript's Date
 * reads them as 19xx) and as no record of this system can have them.
 */
function parseJapanDate(value: string): [number, number, number] | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const y = digitsAt(value, 0, 4);
  const m = digitsAt(value, 5, 7);
  const d = digitsAt(value, 8, 10);
  if (y < 100 || m < 1 || m > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]) ? [y, m, d] : null;
}

/** The number the ASCII digits from `from` to `to` spell, or -1 when one is not a digit. */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

export function isValidJapanDate(value: string): boolean {
  return parseJapanDate(value) !== null;
}

/**
 * Date arithmetic went outside what the calendar can answer: past year 9999,
 * or, for working days, outside the years of the holiday data. Reached from
 * a valid date far from today (a year typed 2062 for 2026, a review set for
 * 9999-12-31), so it answers as a refused request, not a server fault. A
 * string that is no date at all stays a plain RangeError: a bug, not input.
 */
export class OutsideCalendarError extends RangeError {
  override readonly name = 'OutsideCalendarError';
}

function parts(date: JapanDate): [number, number, number] {
  const parsed = parseJapanDate(date);
  if (!parsed) throw new RangeError(`not a calendar date: ${date}`);
  return parsed;
}

function format(utcMidnight: number): JapanDate {
  const text = new Date(utcMidnight).toISOString();
  // Years outside 0000-9999 come out as '+010000-01-01…' or '-000001-…': no 'YYYY-MM-DD' to give.
  if (text.length !== 24) throw new OutsideCalendarError(`no calendar date for ${text}`);
  return text.slice(0, 10);
}

/** The Japan calendar date of an instant. */
export function japanDateOf(instant: Date): JapanDate {
  return format(instant.getTime() + JST_OFFSET_MS);
}

export function todayInJapan(now: Date = new Date()): JapanDate {
  return japanDateOf(now);
}

/** The instant a Japan date starts (00:00 JST), optionally at a given hour/minute JST. */
export function japanDateTime(date: JapanDate, hour = 0, minute = 0): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d, hour, minute) - JST_OFFSET_MS);
}

/** Days from 1970-01-01 to the date (negative before it): an index for tables by day. */
export function dayNumber(date: JapanDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The date `dayNumber` gives the number of. */
export function dateOfDayNumber(day: number): JapanDate {
  return format(day * DAY_MS);
}

export function addDays(date: JapanDate, days: number): JapanDate {
  const [y, m, d] = parts(date);
  return format(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: JapanDate, months: number): JapanDate {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return format(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: JapanDate, to: JapanDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: JapanDate): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * Age in completed years on a date, counted from the birthday itself (the
 * everyday reading used by the eligibility rules). A 29 February birthday is
 * reached on 1 March in common years.
 */
export function ageOn(birthDate: JapanDate, on: JapanDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** The fiscal year (年度) a date belongs to: April 1 to March 31, named by the April's year. */
export function fiscalYearOf(date: JapanDate): number {
  const [y, m] = parts(date);
  return m >= 4 ? y : y - 1;
}

/** First and last Japan dates of a fiscal year, and the UTC instants bounding it [start, end). */
export function fiscalYearRange(fiscalYear: number): { firstDay: JapanDate; lastDay: JapanDate; start: Date; end: Date } {
  const firstDay = `${fiscalYear}-04-01`;
  const lastDay = `${fiscalYear + 1}-03-31`;
  return { firstDay, lastDay, start: japanDateTime(firstDay), end: japanDateTime(`${fiscalYear + 1}-04-01`) };
}

/** 令和/平成 year label for documents, e.g. 2026 → '令和8年度'. */
export function fiscalYearLabel(fiscalYear: number): string {
  if (fiscalYear >= 2019) return `令和${fiscalYear - 2018 === 1 ? '元' : fiscalYear - 2018}年度`;
  return `平成${fiscalYear - 1988}年度`;
}
