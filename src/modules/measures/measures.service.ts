import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { fiscalYearLabel, fiscalYearOf, todayInJapan } from '../../common/time/japan-time';
import { ShortStayStatsService } from '../short-stays/short-stay-stats.service';
import { MEASURE_DEFINITIONS, MEASURE_GROUPS } from './definitions';
import { MeasuresQuery, MeasuresReport, PlanVsActualReport, PlanVsActualRow } from './dto/measures.dto';
import { MEASURE_UNIT_LABELS, measureContext, MeasureValues, meetsTarget } from './measure';
import { MeasureScope, resolveMeasureScope } from './measure-scope';
import { MeasureTargetsService } from './measure-targets.service';
import { PLAN_ITEMS } from './plan-items';

/** The fiscal-year measures (DOMAIN.md §6) and the plan's table of targets and actuals. */
@Injectable()
export class MeasuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shortStayStats: ShortStayStatsService,
    private readonly targets: MeasureTargetsService,
  ) {}

  async report(actor: Actor, query: MeasuresQuery, now = new Date()): Promise<MeasuresReport> {
    const scope = await resolveMeasureScope(this.dataSource.manager, actor, query.officeId);
    return this.reportFor(scope, query.fiscalYear ?? fiscalYearOf(todayInJapan(now)), now);
  }

  async reportFor(scope: MeasureScope, fiscalYear: number, now = new Date()): Promise<MeasuresReport> {
    const ctx = measureContext(this.dataSource, this.shortStayStats, fiscalYear, scope.officeId, now);
    // Each group is a query or two of its own; they run side by side on the pool.
    const values = await Promise.all(MEASURE_GROUPS.map((group) => group.compute(ctx)));
    return {
      fiscalYear,
      fiscalYearLabel: fiscalYearLabel(fiscalYear),
      from: ctx.firstDay,
      to: ctx.lastDay,
      asOf: ctx.asOf,
      scope,
      groups: MEASURE_GROUPS.map((group, index) => ({
        code: group.code,
        label: group.label,
        sheet: group.sheet,
        measures: group.definitions.map((d) => ({
          code: d.code,
          label: d.label,
          unit: d.unit,
          unitLabel: MEASURE_UNIT_LABELS[d.unit],
          value: values[index][d.code] ?? null,
          definition: d.definition,
        })),
      })),
    };
  }

  async planVsActual(actor: Actor, query: MeasuresQuery, now = new Date()): Promise<PlanVsActualReport> {
    const scope = await resolveMeasureScope(this.dataSource.manager, actor, query.officeId);
    const fiscalYear = query.fiscalYear ?? fiscalYearOf(todayInJapan(now));
    const report = await this.reportFor(scope, fiscalYear, now);
    const actuals: MeasureValues = Object.fromEntries(report.groups.flatMap((g) => g.measures.map((m) => [m.code, m.value])));
    const targets = await this.targets.effectiveTargets(fiscalYear, scope.officeId);
    const planCodes = new Set(PLAN_ITEMS.map((p) => p.measureCode));
    const extra = [...targets.keys()].filter((code) => !planCodes.has(code) && MEASURE_DEFINITIONS.has(code));
    const items = [
      ...PLAN_ITEMS,
      ...extra.map((code) => {
        const d = MEASURE_DEFINITIONS.get(code)!;
        return { sheet: d.group.sheet, number: '', item: d.label, measureCode: code };
      }),
    ];
    const rows = items.map((item): PlanVsActualRow => {
      const d = MEASURE_DEFINITIONS.get(item.measureCode)!;
      const target = targets.get(item.measureCode) ?? null;
      const actual = actuals[item.measureCode] ?? null;
      const numeric = target?.targetValue ?? null;
      return {
        ...item,
        measureLabel: d.label,
        unitLabel: MEASURE_UNIT_LABELS[d.unit],
        target: numeric,
        targetText: target?.targetText ?? null,
        targetScope: target ? (target.officeId === null ? 'ward' : 'office') : null,
        actual,
        difference: numeric !== null && actual !== null ? Math.round((actual - numeric) * 10) / 10 : null,
        achieved: numeric !== null && actual !== null ? meetsTarget(d, actual, numeric) : null,
      };
    });
    return {
      fiscalYear,
      fiscalYearLabel: report.fiscalYearLabel,
      scope,
      columns: { item: '取組', target: '目標', actual: '実績', difference: '差' },
      rows,
    };
  }
}
