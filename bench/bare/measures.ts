import { fiscalYearOf, todayInJapan } from '../../src/common/time/japan-time';
import { MEASURE_GROUPS } from '../../src/modules/measures/definitions';
import { measureContext } from '../../src/modules/measures/measure';
import { resolveMeasureScope } from '../../src/modules/measures/measure-scope';
import { ShortStayStatsService } from '../../src/modules/short-stays/short-stay-stats.service';
import { BareContext, dataSourceOver, managerOver } from './context';

/**
 * GET /api/v1/measures: MeasuresService.reportFor's work — the caller's
 * scope, then every measure group's own SQL side by side on the pool — with
 * the groups' and the short-stay statistics' queries sent over the plain
 * pool. Answers the values only (no labels or definitions).
 */
export function registerMeasures({ app, pool, actorOf }: BareContext): void {
  const dataSource = dataSourceOver(pool);
  const shortStayStats = new ShortStayStatsService(dataSource);

  app.get('/api/v1/measures', async (request) => {
    const query = request.query as { fiscalYear?: string; officeId?: string };
    const scope = await resolveMeasureScope(managerOver(pool), actorOf(request), query.officeId);
    const fiscalYear = query.fiscalYear ? Number(query.fiscalYear) : fiscalYearOf(todayInJapan());
    const ctx = measureContext(dataSource, shortStayStats, fiscalYear, scope.officeId);
    const values = await Promise.all(MEASURE_GROUPS.map((group) => group.compute(ctx)));
    return {
      fiscalYear,
      groups: MEASURE_GROUPS.map((group, index) => ({
        code: group.code,
        measures: group.definitions.map((d) => ({ code: d.code, value: values[index][d.code] ?? null })),
      })),
    };
  });
}
