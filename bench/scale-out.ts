import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { countDeliveries, DeliveryCount, pendingCount } from './fault/reminder-batch';
import { LoadResult, runLoad } from './lib/load';
import { sleep } from './lib/ports';
import { startBenchStack } from './lib/bench-stack';
import { machine, ROOT } from './lib/stack';
import { caseDetail, personSearch } from './scenarios/cases';
import { ScenarioPlan } from './scenarios/scenario';
import { cleanups, runBench } from './lib/main';

const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/**
 * `npm run bench:scale-out`: the same PostgreSQL and Redis behind one API and
 * one worker, then behind two of each, on the generated bench database.
 *
 * - Reads: 50 connections against one API, then 25 against each of two
 *   (what a round-robin load balancer does); throughput summed.
 * - Reminders: a batch due at once, delivered by one worker, then another by
 *   two; every reminder must end delivered with exactly one inbox entry.
 *
 * Redis is a private redis-server; the reminders it writes carry rules of
 * their own (`bench.scale.*`) and are deleted at the end, so the bench
 * database stays as generated.
 */
async function main(): Promise<number> {
  const seconds = int('BENCH_SECONDS', 10);
  const batch = int('SCALE_OUT_REMINDERS', 20_000);
  const log = (message: string) => process.stdout.write(`[scale-out] ${message}\n`);
  // A reconciler every 2 s: the batches below are written to the table only, as a lost enqueue would leave them.
  const { db, stack, actors, tokens } = await startBenchStack({
    name: 'scale-out',
    env: { RECONCILE_EVERY_MS: '2000', RECONCILE_LOOKAHEAD_MS: '60000' },
    beforeStart: removeBenchReminders,
  });
  cleanups.push(() => removeBenchReminders(db));

  const reads: ReadResult[] = [];
  const readsWith = async (apiCount: number) => {
    for (const scenario of [personSearch, caseDetail]) {
      const plan = await scenario.prepare({ db, actors });
      const result = await readThroughput(plan, stack.apis.slice(0, apiCount).map((a) => a.url), tokens[scenario.actor], seconds);
      log(`${scenario.name} with ${apiCount} API(s): ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms, non-2xx ${result.non2xx + result.errors}`);
      reads.push({ scenario: scenario.name, apis: apiCount, ...result });
    }
  };
  const deliveries: DeliveryResult[] = [];
  const deliverWith = async (workerCount: number) => {
    const rule = `bench.scale.workers${workerCount}`;
    const result = await deliverBatch(db, rule, batch, log);
    log(`${batch} reminders with ${workerCount} worker(s): all settled in ${result.seconds.toFixed(1)} s (${(batch / result.seconds).toFixed(0)}/s); ${JSON.stringify(result.count)}`);
    deliveries.push({ workers: workerCount, ...result });
  };

  await readsWith(1);
  await deliverWith(1);
  await stack.startApi();
  await stack.startWorker();
  await stack.waitForStartupSweeps();
  await readsWith(2);
  await deliverWith(2);

  const ratio = (name: string) => {
    const one = reads.find((r) => r.scenario === name && r.apis === 1);
    const two = reads.find((r) => r.scenario === name && r.apis === 2);
    return one && two ? two.rps / one.rps : NaN;
  };
  const exactlyOnce = deliveries.every((d) => d.count.reminders === batch && d.count.delivered === batch && d.count.duplicated === 0 && d.count.partial === 0 && d.count.lost === 0);
  const output = {
    kind: 'scale-out',
    date: new Date().toISOString(),
    machine: machine(),
    note: 'Load generator, two APIs, two workers, PostgreSQL and Redis share the same 2 cores: throughput can only grow as far as idle CPU allows.',
    settings: { seconds, connections: 50, batch },
    reads,
    readGrowth: { personSearch: ratio(personSearch.name), caseDetail: ratio(caseDetail.name) },
    deliveries,
    exactlyOnce,
    peakRssMb: { apis: stack.apis.map((a) => Math.round(a.process.peakRssMb())), workers: stack.workers.map((w) => Math.round(w.peakRssMb())) },
  };
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const file = path.join(ROOT, 'bench/results/scale-out.json');
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  log(`read growth 1 → 2 APIs: ${JSON.stringify(output.readGrowth)}; exactly once: ${exactlyOnce}; written to ${path.relative(ROOT, file)}`);
  return exactlyOnce ? 0 : 1;
}

interface ReadResult extends LoadResult {
  scenario: string;
  apis: number;
}

interface DeliveryResult {
  workers: number;
  seconds: number;
  count: DeliveryCount;
}

/** 50 connections split evenly over the APIs, as a round-robin balancer would; rates summed, latencies of the slower. */
async function readThroughput(plan: ScenarioPlan, apis: string[], token: string, seconds: number): Promise<LoadResult> {
  const headers = { authorization: `Bearer ${token}` };
  const connections = Math.floor(50 / apis.length);
  // Warm-up, then the measured run.
  await Promise.all(apis.map((url) => runLoad({ url, headers, sequence: plan.api, connections, durationSeconds: 2 })));
  const results = await Promise.all(apis.map((url) => runLoad({ url, headers, sequence: plan.api, connections, durationSeconds: seconds })));
  return {
    requests: sum(results.map((r) => r.requests)),
    rps: sum(results.map((r) => r.rps)),
    p50: Math.max(...results.map((r) => r.p50)),
    p95: Math.max(...results.map((r) => r.p95)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: sum(results.map((r) => r.errors)),
    non2xx: sum(results.map((r) => r.non2xx)),
  };
}

/**
 * Writes `count` reminders due now straight into the table, each for one
 * staff member (never enqueued: the reconcilers of the running workers find
 * them), and waits until none is left scheduled.
 */
async function deliverBatch(db: Client, rule: string, count: number, log: (message: string) => void): Promise<{ seconds: number; count: DeliveryCount }> {
  const started = Date.now();
  await db.query(
    `WITH staff AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, office_id FROM users WHERE active)
     INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients)
     SELECT $1 || ':' || g, 'due', $1, 'bench_subject', g::text, s.office_id, '確認の期日です', now(),
            jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', s.id))
       FROM generate_series(1, $2::int) g JOIN staff s ON s.i = g % (SELECT count(*) FROM staff)`,
    [rule, count],
  );
  const deadline = Date.now() + 600_000;
  for (;;) {
    const pending = await pendingCount(db, [rule]);
    if (pending === 0) break;
    if (Date.now() > deadline) {
      log(`${rule}: ${pending} still scheduled after 10 minutes`);
      break;
    }
    await sleep(250);
  }
  const seconds = (Date.now() - started) / 1000;
  // A late duplicate (a job run twice by the two workers) would show up within a few seconds.
  await sleep(5_000);
  const [result] = await countDeliveries(db, [rule]);
  return { seconds, count: result };
}

async function removeBenchReminders(db: Client): Promise<void> {
  await db.query(`DELETE FROM notifications WHERE rule LIKE 'bench.scale.%'`);
  await db.query(`DELETE FROM reminders WHERE rule LIKE 'bench.scale.%'`);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

if (require.main === module) runBench('scale-out bench', main, 1800);
