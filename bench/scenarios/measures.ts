import { fiscalYearOf, todayInJapan } from '../../src/common/time/japan-time';
import { Scenario } from './scenario';

/**
 * 年度の指標: a supervisor opens their office's fiscal-year report (every
 * measure group, this fiscal year). Each report is about a second of database
 * work at the 1m scale, so it is loaded by two supervisors at once, not 50: at
 * 50 connections both servers would only queue requests until they time out
 * (at 4, on a slow machine, the bare handler's reports already passed 10 s).
 */
export const fiscalYearReport: Scenario = {
  name: 'fiscal-year-report',
  title: 'Fiscal-year report of an office',
  kind: 'report',
  actor: 'supervisor',
  connections: { high: 2, low: 1 },
  minSeconds: 20,
  timeoutSeconds: 60,
  async prepare() {
    const fiscalYear = fiscalYearOf(todayInJapan());
    return {
      api: [{ method: 'GET', path: () => `/api/v1/measures?fiscalYear=${fiscalYear}` }],
      fingerprint: (body) => {
        const report = body as { fiscalYear: number; groups: Array<{ code: string; measures: Array<{ code: string; value: number | null }> }> };
        return { fiscalYear: report.fiscalYear, values: report.groups.flatMap((g) => g.measures.map((m) => [m.code, m.value])) };
      },
    };
  },
};
