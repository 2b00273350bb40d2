import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startBenchStack } from './lib/bench-stack';
import { runLoad } from './lib/load';
import { machine, ROOT } from './lib/stack';
import { SCENARIOS } from './scenarios';
import { Scenario, ScenarioPlan } from './scenarios/scenario';
import { cleanups, runBench } from './lib/main';
import { median } from './lib/median';

const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** Connections per scenario: reads dominate, as they do in a consultant's day; one supervisor keeps opening the fiscal-year report. */
const CONNECTIONS: Record<string, number> = { 'person-search': 4, 'case-detail': 4, 'overdue-visits': 2, inbox: 2, 'due-list': 2, 'log-visit': 2, 'fiscal-year-report': 1 };

/**
 * `npm run soak`: a mixed load (every bench scenario at once, writes
 * included, with reminders coming due for the worker) against the real API
 * and worker for SOAK_SECONDS (600), in slices of SOAK_SLICE_SECONDS (30).
 * After each slice the resident memory of both processes is sampled. It
 * passes when no request failed and memory stayed flat once warm: the
 * median of the last third of the samples within 15% (or 20 MB) of the
 * median of the middle third. Stops by itself; results in bench/results/soak.json.
 */
async function main(): Promise<number> {
  const totalSeconds = int('SOAK_SECONDS', 600);
  const sliceSeconds = int('SOAK_SLICE_SECONDS', 30);
  const started = Date.now();
  const log = (message: string) => process.stdout.write(`[soak ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);

  const { db, stack, api, worker, actors, tokens } = await startBenchStack({ name: 'soak', env: { RECONCILE_EVERY_MS: '5000' } });
  cleanups.push(() => removeSoakReminders(db));
  const plans: Array<{ scenario: Scenario; plan: ScenarioPlan }> = [];
  for (const scenario of SCENARIOS) plans.push({ scenario, plan: await scenario.prepare({ db, actors }) });
  log(`API ${api} and worker up; ${SCENARIOS.length} scenarios at once for ${totalSeconds} s`);

  const samples: Array<{ second: number; apiMb: number; workerMb: number; rps: number; failed: number; failedBy: Record<string, { errors: number; non2xx: number }>; remindersDelivered: number }> = [];
  let slice = 0;
  while (Date.now() - started < totalSeconds * 1000) {
    slice++;
    // Reminders coming due during the slice: the worker delivers while the API serves.
    const remindersDelivered = await scheduleSoakReminders(db, slice, sliceSeconds);
    const results = await Promise.all(
      plans.map(({ scenario, plan }) =>
        runLoad({ url: api, headers: { authorization: `Bearer ${tokens[scenario.actor]}` }, sequence: plan.api, connections: CONNECTIONS[scenario.name] ?? 2, durationSeconds: sliceSeconds, timeoutSeconds: scenario.timeoutSeconds }),
      ),
    );
    // Which scenario failed, and how: connection errors and timeouts, or answers other than 2xx.
    const failedBy: Record<string, { errors: number; non2xx: number }> = {};
    results.forEach((r, i) => {
      if (r.errors + r.non2xx > 0) failedBy[plans[i].scenario.name] = { errors: r.errors, non2xx: r.non2xx };
    });
    const sample = {
      second: Math.round((Date.now() - started) / 1000),
      apiMb: Math.round(stack.apis[0].process.rssMb()),
      workerMb: Math.round(worker.rssMb()),
      rps: Math.round(results.reduce((n, r) => n + r.rps, 0)),
      failed: results.reduce((n, r) => n + r.errors + r.non2xx, 0),
      failedBy,
      remindersDelivered,
    };
    samples.push(sample);
    log(`slice ${slice}: ${sample.rps} req/s, ${sample.failed} failed ${sample.failed ? JSON.stringify(sample.failedBy) : ''}, RSS api ${sample.apiMb} MB worker ${sample.workerMb} MB, reminders delivered so far ${remindersDelivered}`);
    if (!stack.apis[0].process.running || !worker.running) throw new Error('the API or the worker exited during the soak');
  }

  const verdict = judgeMemory(samples);
  const failed = samples.reduce((n, s) => n + s.failed, 0);
  const passed = failed === 0 && verdict.api.flat && verdict.worker.flat;
  const output = { kind: 'soak', date: new Date().toISOString(), machine: machine(), settings: { totalSeconds, sliceSeconds, connections: CONNECTIONS }, samples, memory: verdict, failed, passed };
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const file = path.join(ROOT, 'bench/results/soak.json');
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  log(`${passed ? 'PASSED' : 'FAILED'}: ${failed} failed requests; memory ${JSON.stringify(verdict)}; written to ${path.relative(ROOT, file)}`);
  return passed ? 0 : 1;
}

/** Inserts the slice's reminders (due over the slice, one per staff member) and answers how many have been delivered so far. */
async function scheduleSoakReminders(db: Client, slice: number, sliceSeconds: number): Promise<number> {
  await db.query(
    `WITH staff AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, office_id FROM users WHERE active)
     INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients)
     SELECT 'bench.soak:' || $1 || ':' || g, 'due', 'bench.soak', 'bench_subject', g::text, s.office_id, '確認の期日です',
            now() + make_interval(secs => $2::int * g / 200.0),
            jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', s.id))
       FROM generate_series(1, 200) g JOIN staff s ON s.i = g % (SELECT count(*) FROM staff)`,
    [slice, sliceSeconds],
  );
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminders WHERE rule = 'bench.soak' AND state = 'delivered'`);
  return rows[0].n;
}

async function removeSoakReminders(db: Client): Promise<void> {
  await db.query(`DELETE FROM notifications WHERE rule = 'bench.soak'`);
  await db.query(`DELETE FROM reminders WHERE rule = 'bench.soak'`);
}

/** Memory is flat when, once warm, the last third's median is within 15% (or 20 MB) of the middle third's. */
export function judgeMemory(samples: Array<{ apiMb: number; workerMb: number }>): Record<'api' | 'worker', { middleMb: number; lastMb: number; growthMb: number; flat: boolean }> {
  const third = Math.max(1, Math.floor(samples.length / 3));
  const judge = (pick: (s: { apiMb: number; workerMb: number }) => number) => {
    const middleMb = median(samples.slice(third, 2 * third).map(pick));
    const lastMb = median(samples.slice(-third).map(pick));
    const growthMb = lastMb - middleMb;
    return { middleMb, lastMb, growthMb, flat: growthMb <= Math.max(20, middleMb * 0.15) };
  };
  return { api: judge((s) => s.apiMb), worker: judge((s) => s.workerMb) };
}

if (require.main === module) runBench('soak', main, int('SOAK_SECONDS', 600) + 300);
