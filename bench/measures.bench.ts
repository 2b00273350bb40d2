import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { fiscalYearOf, todayInJapan } from '../src/common/time/japan-time';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MEASURE_GROUPS } from '../src/modules/measures/definitions';
import { measureContext } from '../src/modules/measures/measure';
import { ShortStayStatsService } from '../src/modules/short-stays/short-stay-stats.service';
import { benchDatabaseUrl } from './generate';

/**
 * `npm run bench:measures`: times the fiscal-year report (every measure
 * group, run side by side on the pool as the API runs them) on the bench
 * database (`npm run bench:generate -- --scale 1m` first), ward-wide and for
 * each office, for the current and the previous fiscal year. Target (issue 9):
 * under 2 s at the 1m scale. Writes bench/results/measures.json.
 */
async function main(): Promise<void> {
  const url = benchDatabaseUrl();
  const runs = Number(process.env.RUNS ?? 3);
  const dataSource = new DataSource(dataSourceOptions({ ...loadConfig(), databaseUrl: url }, { poolSize: 10, applicationName: 'hagukumi-bench-measures' }));
  await dataSource.initialize();
  const stats = new ShortStayStatsService(dataSource);
  const results: Array<{ scope: string; fiscalYear: number; ms: number[]; slowestGroups: Array<{ group: string; ms: number }> }> = [];
  try {
    const offices: Array<{ id: string; name: string }> = await dataSource.query(`SELECT id, name FROM offices ORDER BY type, code`);
    const current = fiscalYearOf(todayInJapan());
    for (const fiscalYear of [current, current - 1]) {
      for (const scope of [{ id: null, name: '練馬区全体' }, ...offices]) {
        const ms: number[] = [];
        let groups: Array<{ group: string; ms: number }> = [];
        for (let run = 0; run < runs; run++) {
          const ctx = measureContext(dataSource, stats, fiscalYear, scope.id);
          const started = performance.now();
          groups = await Promise.all(
            MEASURE_GROUPS.map(async (group) => {
              const t0 = performance.now();
              await group.compute(ctx);
              return { group: group.code, ms: Math.round(performance.now() - t0) };
            }),
          );
          ms.push(Math.round(performance.now() - started));
        }
        const slowestGroups = groups.sort((a, b) => b.ms - a.ms).slice(0, 3);
        results.push({ scope: scope.name, fiscalYear, ms, slowestGroups });
        process.stdout.write(`${fiscalYear} ${scope.name.padEnd(20, '　')} ${ms.map((m) => `${m} ms`).join(' / ')}  (slowest: ${slowestGroups.map((g) => `${g.group} ${g.ms} ms`).join(', ')})\n`);
      }
    }
    const counts = await dataSource.query(
      `SELECT (SELECT count(*) FROM persons)::int AS persons, (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM watch_visits)::int AS visits,
              (SELECT count(*) FROM pregnancy_notifications)::int AS notifications, (SELECT count(*) FROM child_abuse_reports)::int AS reports,
              (SELECT count(*) FROM facility_rounds)::int AS rounds`,
    );
    const worst = Math.max(...results.flatMap((r) => r.ms.slice(1).length ? r.ms.slice(1) : r.ms));
    process.stdout.write(`rows: ${JSON.stringify(counts[0])}\nworst warm report: ${worst} ms (target < 2000 ms)\n`);
    mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'measures.json'), JSON.stringify({ at: new Date().toISOString(), database: url.replace(/\/\/[^@]*@/, '//'), rows: counts[0], worstWarmMs: worst, results }, null, 2) + '\n');
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`measures bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
