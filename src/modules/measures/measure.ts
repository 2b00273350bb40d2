import { DataSource } from 'typeorm';
import { addDays, fiscalYearRange, JapanDate, todayInJapan } from '../../common/time/japan-time';
import { namedRows } from '../../database/named-sql';
import { ShortStayStatsService } from '../short-stays/short-stay-stats.service';

export enum MeasureUnit {
  Count = 'count',
  Percent = 'percent',
  Days = 'days',
  Places = 'places',
  Persons = 'persons',
  Nights = 'nights',
}

export const MEASURE_UNIT_LABELS: Record<MeasureUnit, string> = {
  [MeasureUnit.Count]: '件',
  [MeasureUnit.Percent]: '%',
  [MeasureUnit.Days]: '日',
  [MeasureUnit.Places]: 'か所',
  [MeasureUnit.Persons]: '人',
  [MeasureUnit.Nights]: '泊',
};

/** One measure: a stable code, its Japanese label and unit, and its definition in words (shown in the API docs). */
export interface MeasureDefinition {
  code: string;
  label: string;
  unit: MeasureUnit;
  definition: string;
  /** Fewer is better (days waited, visits missed): a target is met at or below it. Otherwise at or above. */
  lowerIsBetter?: true;
}

/** Whether `actual` meets `target` for the measure, in the measure's own direction. */
export function meetsTarget(definition: MeasureDefinition, actual: number, target: number): boolean {
  return definition.lowerIsBetter ? actual <= target : actual >= target;
}

/**
 * The fiscal year being measured and the scope. Dates are Japan dates; `start`
 * and `end` are the UTC instants bounding the year [start, end) for
 * timestamptz columns.
 */
export interface MeasureContext {
  dataSource: DataSource;
  shortStayStats: ShortStayStatsService;
  fiscalYear: number;
  firstDay: JapanDate;
  lastDay: JapanDate;
  start: Date;
  end: Date;
  /** The last day counted for "to date" measures: today during the year, the last day after it. */
  asOf: JapanDate;
  /** The day "overdue" is judged on: today during the year, April 1 after it (so a due date of March 31 not met by year end is overdue). */
  judgedOn: JapanDate;
  now: Date;
  /** null: the whole ward. */
  officeId: string | null;
}

export type MeasureValues = Record<string, number | null>;

/** A group of measures (one programme of the plan), computed by set-based SQL. */
export interface MeasureGroup {
  code: string;
  label: string;
  /** The plan's sheet (シート番号), e.g. '1-1'. */
  sheet: string;
  definitions: MeasureDefinition[];
  compute(ctx: MeasureContext): Promise<MeasureValues>;
}

export function measureContext(dataSource: DataSource, shortStayStats: ShortStayStatsService, fiscalYear: number, officeId: string | null, now = new Date()): MeasureContext {
  const range = fiscalYearRange(fiscalYear);
  const today = todayInJapan(now);
  const asOf = today < range.lastDay ? (today < range.firstDay ? range.firstDay : today) : range.lastDay;
  const judgedOn = today <= range.lastDay ? (today < range.firstDay ? range.firstDay : today) : addDays(range.lastDay, 1);
  return { dataSource, shortStayStats, fiscalYear, ...range, asOf, judgedOn, now, officeId };
}

/** The office predicate on a column, or `true` for the ward; uses the `:office` parameter of `params(ctx)`. */
export function officeIs(ctx: MeasureContext, column: string): string {
  return ctx.officeId === null ? 'true' : `${column} = :office`;
}

/**
 * "The record's case belongs to the office", or `true` for the ward, without
 * joining cases: ward-wide, a join to every case only to filter nothing cost
 * a hash of 300k cases per query at the 1m scale.
 */
export function caseOfOffice(ctx: MeasureContext, caseIdColumn: string): string {
  return ctx.officeId === null ? 'true' : `${caseIdColumn} IN (SELECT oc.id FROM cases oc WHERE oc.office_id = :office)`;
}

/** The named parameters every measure query may use. */
export function params(ctx: MeasureContext): Record<string, unknown> {
  return {
    office: ctx.officeId,
    firstDay: ctx.firstDay,
    lastDay: ctx.lastDay,
    start: ctx.start,
    end: ctx.end,
    asOf: ctx.asOf,
    judgedOn: ctx.judgedOn,
    now: ctx.now,
  };
}

export async function oneRow<T>(ctx: MeasureContext, sql: string): Promise<T> {
  const rows = await namedRows<T>(ctx.dataSource, sql, params(ctx));
  return rows[0];
}

/** part ÷ whole as a percentage with one decimal; null without a whole. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** A median (or other real) from SQL, to one decimal; null stays null. */
export function oneDecimal(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 10) / 10;
}
