import 'reflect-metadata';
import { Job, Queue, Worker } from 'bullmq';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { DEFAULT_REMINDER_CONCURRENCY } from '../src/config/app-config';
import { cpuSecondsOf } from './lib/cpu';
import { sleep } from './lib/ports';
import { PrivatePostgres } from './lib/private-postgres';
import { PrivateRedis } from './lib/private-redis';
import { machine, prepareDatabase, ROOT, Stack } from './lib/stack';
import { cleanups, runBench } from './lib/main';

const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

const RULE = 'bench.reminders';
const COUNT = int('REMINDERS_BENCH_COUNT', 100_000);
/** The engine's worker concurrency (REMINDER_CONCURRENCY, by default the application's); the bare baselines use the same. */
const CONCURRENCY = int('REMINDERS_BENCH_CONCURRENCY', DEFAULT_REMINDER_CONCURRENCY);
/** The app's database pool size (dataSourceOptions), which the bare transaction worker gets too. */
const POOL_SIZE = 20;
/** Worker process counts to measure the engine with, e.g. "1,2". */
const WORKER_COUNTS = (process.env.REMINDERS_BENCH_WORKERS ?? '1,2').split(',').map(Number).filter((n) => n > 0);
/** Head start before the due moment: the workers boot and the reconciler enqueues the batch before it. */
const LEAD_SECONDS = int('REMINDERS_BENCH_LEAD_SECONDS', 40);
/** No phase waits longer than this for its deliveries. */
const PHASE_TIMEOUT_SECONDS = int('REMINDERS_BENCH_PHASE_TIMEOUT_SECONDS', 240);
const TARGET_SECONDS = 60;
const TARGET_RATIO = 0.3;
/** The prefix the Stack's processes use (REDIS_PREFIX is not set for them). */
const PREFIX = '{hagukumi}';

interface PhaseResult {
  name: string;
  kind: 'engine' | 'bare-transaction' | 'bare-noop';
  workers: number;
  concurrency: number;
  jobs: number;
  /** From the due moment (engine) or the worker's start (bare) to the last delivery. */
  seconds: number;
  perSecond: number;
  /** Engine only: due moment to the first delivery, and how long the reconciler took to put the batch on the queue. */
  firstDeliverySeconds?: number;
  enqueueSeconds?: number;
  /** CPU seconds of the worker process(es) during the phase (the bare workers run inside the bench process). */
  workerCpuSeconds: number;
  /** The machine's 1-minute load average when the measured part began and ended: the machine is shared, phases run one after another. */
  loadAverage: { start: number; end: number };
  ok: boolean;
  note?: string;
}

/**
 * `npm run bench:reminders`: 100k reminders due at the same moment, delivered
 * by the real worker (dist/src/worker.js: reconciler, BullMQ, delivery
 * transactions writing the inbox), next to two bare BullMQ workers in the
 * same run on the same private PostgreSQL and Redis: one doing the equivalent
 * delivery transaction with pg (no NestJS, no recipient resolution), one
 * doing nothing. Bounded in time; cleans up what it started.
 */
async function main(): Promise<number> {
  const t0 = Date.now();
  const log = (message: string) => process.stdout.write(`[reminders ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logDir = path.join(ROOT, 'bench/results/tmp', `reminders-${stamp}`);
  mkdirSync(logDir, { recursive: true });

  const pg = await PrivatePostgres.create(ROOT, 'reminders-pg');
  cleanups.push(() => pg.destroy());
  const redis = await PrivateRedis.create(ROOT, 'reminders-redis');
  cleanups.push(() => redis.destroy());
  await pg.start();
  await redis.start();
  const databaseUrl = await pg.createDatabase('hagukumi_reminders_bench');
  await prepareDatabase(databaseUrl);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  log(`private postgres on :${pg.port}, redis on :${redis.port}; ${COUNT} reminders per phase, concurrency ${CONCURRENCY}; logs in ${path.relative(ROOT, logDir)}`);

  const phases: PhaseResult[] = [];
  for (const workers of WORKER_COUNTS) {
    await reset(db, redis);
    phases.push(await enginePhase(db, redis, databaseUrl, logDir, workers, log));
    log(summaryLine(phases[phases.length - 1]));
  }
  // REMINDERS_BENCH_BASELINES=0 leaves the baselines out (for tuning runs only: the ratios need them).
  if (process.env.REMINDERS_BENCH_BASELINES !== '0') {
    for (const kind of ['bare-transaction', 'bare-noop'] as const) {
      await reset(db, redis);
      phases.push(await barePhase(db, redis, databaseUrl, kind, log));
      log(summaryLine(phases[phases.length - 1]));
    }
  }

  const engine1 = phases.find((p) => p.kind === 'engine' && p.workers === 1) ?? phases.find((p) => p.kind === 'engine');
  const bestEngine = phases.filter((p) => p.kind === 'engine').sort((a, b) => b.perSecond - a.perSecond)[0];
  const bareTx = phases.find((p) => p.kind === 'bare-transaction');
  const bareNoop = phases.find((p) => p.kind === 'bare-noop');
  const ratio = (a?: PhaseResult, b?: PhaseResult) => (a && b && b.perSecond > 0 ? a.perSecond / b.perSecond : null);
  const shown = (value: number | null) => (value === null ? null : round(value, 2));
  const ratios = {
    engine1VsBareTransaction: shown(ratio(engine1, bareTx)),
    engine1VsBareNoop: shown(ratio(engine1, bareNoop)),
    bestEngineVsBareTransaction: shown(ratio(bestEngine, bareTx)),
    bestEngineVsBareNoop: shown(ratio(bestEngine, bareNoop)),
  };
  // Targets are judged on the exact ratios: rounded for display, 0.297 would pass as 0.30.
  const targets = [
    { name: `all ${COUNT} delivered within ${TARGET_SECONDS} s (1 worker)`, ok: !!engine1 && engine1.ok && engine1.seconds <= TARGET_SECONDS * (COUNT / 100_000) },
    { name: `engine ≥ ${TARGET_RATIO}× the bare BullMQ + pg transaction rate (1 worker)`, ok: (ratio(engine1, bareTx) ?? 0) >= TARGET_RATIO },
    { name: `engine ≥ ${TARGET_RATIO}× the bare BullMQ no-op rate (1 worker)`, ok: (ratio(engine1, bareNoop) ?? 0) >= TARGET_RATIO },
  ];

  const result = {
    kind: 'reminder-delivery',
    date: new Date().toISOString(),
    machine: machine(),
    settings: { reminders: COUNT, concurrency: CONCURRENCY, workerCounts: WORKER_COUNTS, leadSeconds: LEAD_SECONDS, recipientsPerReminder: 1, mail: 'off (no SMTP_URL)' },
    phases,
    ratios,
    targets,
    passed: targets.every((t) => t.ok),
  };
  const file = path.join(ROOT, 'bench/results/reminders.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${table(phases)}\n\nratios: ${JSON.stringify(ratios)}\n${targets.map((t) => `${t.ok ? 'PASS' : 'MISS'}  ${t.name}`).join('\n')}\n\nwritten to ${path.relative(ROOT, file)}\n`);
  return 0;
}

/** Empties the inbox and the bench's reminders, and Redis, between phases. */
async function reset(db: Client, redis: PrivateRedis): Promise<void> {
  await db.query(`TRUNCATE mail_deliveries, notifications`);
  await db.query(`DELETE FROM reminders WHERE rule = $1`, [RULE]);
  await db.query(`VACUUM ANALYZE reminders`);
  await db.query(`VACUUM ANALYZE notifications`);
  await redis.flushAll();
}

/** `COUNT` reminders in the shape RemindersService writes, one recipient each (the active demo users in turn), all due at `dueAt`. */
async function insertReminders(db: Client, dueAt: Date): Promise<void> {
  await db.query(
    `WITH staff AS (SELECT row_number() OVER (ORDER BY login_id) - 1 AS i, id, office_id FROM users WHERE active)
     INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients)
     SELECT $1 || ':' || g, 'due', $1, 'bench_subject', g::text, s.office_id, '確認の期日です', $3,
            jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', s.id))
       FROM generate_series(1, $2::int) g JOIN staff s ON s.i = g % (SELECT count(*) FROM staff)`,
    [RULE, COUNT, dueAt],
  );
  await db.query(`ANALYZE reminders`);
}

async function deliveredCount(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminders WHERE rule = $1 AND state = 'delivered'`, [RULE]);
  return rows[0].n;
}

async function enginePhase(db: Client, redis: PrivateRedis, databaseUrl: string, logDir: string, workers: number, log: (m: string) => void): Promise<PhaseResult> {
  const name = `engine, ${workers} worker process${workers > 1 ? 'es' : ''}`;
  const dueAt = new Date(Date.now() + LEAD_SECONDS * 1_000);
  await insertReminders(db, dueAt);
  log(`${name}: ${COUNT} reminders inserted, due in ${((dueAt.getTime() - Date.now()) / 1000).toFixed(1)} s`);
  const stack = new Stack({
    databaseUrl,
    redisUrl: redis.url,
    logDir: path.join(logDir, `engine-${workers}`),
    // The production reconciler period; its first pass at start-up enqueues the batch ahead of the due moment.
    env: { REMINDER_CONCURRENCY: String(CONCURRENCY), RECONCILE_EVERY_MS: '60000', RECONCILE_LOOKAHEAD_MS: String((LEAD_SECONDS + 60) * 1_000) },
  });
  const queue = new Queue('reminders', { connection: { url: redis.url }, prefix: PREFIX });
  queue.on('error', () => undefined);
  try {
    const startedAt = Date.now();
    for (let i = 0; i < workers; i += 1) await stack.startWorker();
    const cpuBefore = stack.workers.map((w) => cpuSecondsOf(w.pid));
    let enqueueSeconds: number | undefined;
    while (Date.now() < dueAt.getTime()) {
      const counts = await queue.getJobCounts('delayed', 'waiting', 'active');
      if (enqueueSeconds === undefined && counts.delayed + counts.waiting + counts.active >= COUNT) enqueueSeconds = (Date.now() - startedAt) / 1000;
      await sleep(200);
    }
    if (enqueueSeconds === undefined) log(`${name}: the batch was not all on the queue by the due moment`);
    const loadStart = load();
    const deadline = dueAt.getTime() + PHASE_TIMEOUT_SECONDS * 1_000;
    let delivered = 0;
    let lastLog = 0;
    while ((delivered = await deliveredCount(db)) < COUNT && Date.now() < deadline) {
      if (Date.now() - lastLog > 5_000) {
        log(`${name}: ${delivered} delivered`);
        lastLog = Date.now();
      }
      await sleep(250);
    }
    const workerCpuSeconds = round(stack.workers.reduce((sum, w, i) => sum + cpuSecondsOf(w.pid) - cpuBefore[i], 0), 1);
    const { rows } = await db.query<{ first: Date | null; last: Date | null; notifications: number; duplicates: number }>(
      `SELECT min(r.delivered_at) AS first, max(r.delivered_at) AS last,
              (SELECT count(*)::int FROM notifications n JOIN reminders b ON b.id = n.reminder_id WHERE b.rule = $1) AS notifications,
              (SELECT count(*)::int FROM (SELECT n.reminder_id FROM notifications n JOIN reminders b ON b.id = n.reminder_id WHERE b.rule = $1 GROUP BY n.reminder_id HAVING count(*) > 1) d) AS duplicates
         FROM reminders r WHERE r.rule = $1 AND r.state = 'delivered'`,
      [RULE],
    );
    const { first, last, notifications, duplicates } = rows[0];
    const seconds = last ? (last.getTime() - dueAt.getTime()) / 1000 : PHASE_TIMEOUT_SECONDS;
    const ok = delivered === COUNT && notifications === COUNT && duplicates === 0;
    return {
      name,
      kind: 'engine',
      workers,
      concurrency: CONCURRENCY,
      jobs: delivered,
      seconds: round(seconds, 2),
      perSecond: Math.round(delivered / seconds),
      firstDeliverySeconds: first ? round((first.getTime() - dueAt.getTime()) / 1000, 2) : undefined,
      enqueueSeconds: enqueueSeconds === undefined ? undefined : round(enqueueSeconds, 1),
      workerCpuSeconds,
      loadAverage: { start: loadStart, end: load() },
      ok,
      note: ok ? undefined : `delivered ${delivered}/${COUNT}, notifications ${notifications}, duplicated ${duplicates}`,
    };
  } finally {
    await queue.close();
    await stack.stop();
  }
}

/**
 * A bare BullMQ Worker in this process, on the same Redis and database: the
 * jobs are on the queue before it starts, and the clock runs from its start
 * to the last completion. 'bare-transaction' does the delivery's essential
 * work in one pg transaction (lock and mark the reminder delivered at the
 * job's version, write the inbox entry); 'bare-noop' does nothing.
 */
async function barePhase(db: Client, redis: PrivateRedis, databaseUrl: string, kind: 'bare-transaction' | 'bare-noop', log: (m: string) => void): Promise<PhaseResult> {
  const name = kind === 'bare-transaction' ? 'bare BullMQ + pg transaction' : 'bare BullMQ no-op';
  const queueName = `bare-${kind}`;
  await insertReminders(db, new Date());
  const { rows: ids } = await db.query<{ id: string }>(`SELECT id FROM reminders WHERE rule = $1`, [RULE]);
  const connection = { url: redis.url };
  const queue = new Queue(queueName, { connection, prefix: PREFIX, defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 5 } });
  queue.on('error', () => undefined);
  for (let start = 0; start < ids.length; start += 1_000) {
    await queue.addBulk(ids.slice(start, start + 1_000).map(({ id }) => ({ name: 'deliver', data: { reminderId: id, version: 1 }, opts: { jobId: `r-${id}-v1` } })));
  }
  log(`${name}: ${ids.length} jobs on the queue`);
  const pool = new Pool({ connectionString: databaseUrl, max: Math.min(CONCURRENCY, POOL_SIZE), application_name: 'hagukumi-bench-bare' });
  pool.on('error', () => undefined);
  const deliver = async (job: Job<{ reminderId: string; version: number }>): Promise<string> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const marked = await client.query<{ id: string }>(
        `UPDATE reminders SET state = 'delivered', delivered_at = now(), updated_at = now() WHERE id = $1 AND state = 'scheduled' AND version = $2 RETURNING id`,
        [job.data.reminderId, job.data.version],
      );
      if (marked.rowCount === 0) {
        await client.query('ROLLBACK');
        return 'stale';
      }
      await client.query(
        `INSERT INTO notifications (user_id, reminder_id, reminder_version, rule, subject_type, subject_id, title, urgent, due_at)
         SELECT (r.recipients -> 0 ->> 'userId')::uuid, r.id, r.version, r.rule, r.subject_type, r.subject_id, r.title, r.urgent, r.due_at
           FROM reminders r WHERE r.id = $1
         ON CONFLICT ON CONSTRAINT notifications_delivery_key DO NOTHING`,
        [job.data.reminderId],
      );
      await client.query('COMMIT');
      return 'delivered';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  let completed = 0;
  let lastAt = 0;
  const cpuBefore = cpuSecondsOf(process.pid);
  const loadStart = load();
  const startedAt = Date.now();
  const worker = new Worker(queueName, kind === 'bare-transaction' ? deliver : async () => 'noop', { connection, prefix: PREFIX, concurrency: CONCURRENCY });
  worker.on('error', () => undefined);
  worker.on('completed', () => {
    completed += 1;
    lastAt = Date.now();
  });
  try {
    const deadline = startedAt + PHASE_TIMEOUT_SECONDS * 1_000;
    while (completed < ids.length && Date.now() < deadline) await sleep(50);
  } finally {
    await worker.close();
    await queue.close();
    await pool.end();
  }
  const seconds = ((lastAt || Date.now()) - startedAt) / 1000;
  const workerCpuSeconds = round(cpuSecondsOf(process.pid) - cpuBefore, 1);
  let ok = completed === ids.length;
  let note: string | undefined;
  if (kind === 'bare-transaction') {
    const delivered = await deliveredCount(db);
    ok = ok && delivered === ids.length;
    if (!ok) note = `completed ${completed}, delivered ${delivered} of ${ids.length}`;
  } else if (!ok) {
    note = `completed ${completed} of ${ids.length}`;
  }
  const loadAverage = { start: loadStart, end: load() };
  return { name, kind, workers: 1, concurrency: CONCURRENCY, jobs: completed, seconds: round(seconds, 2), perSecond: Math.round(completed / seconds), workerCpuSeconds, loadAverage, ok, note };
}

function summaryLine(p: PhaseResult): string {
  return `${p.name}: ${p.jobs} in ${p.seconds} s = ${p.perSecond}/s${p.ok ? '' : ` (NOT OK: ${p.note})`}`;
}

function table(phases: PhaseResult[]): string {
  const header = ['phase', 'jobs', 'seconds', 'per second', 'first (s)', 'enqueue (s)', 'worker CPU (s)', 'load avg', 'ok'];
  const rows = phases.map((p) => [
    p.name,
    String(p.jobs),
    p.seconds.toFixed(2),
    String(p.perSecond),
    p.firstDeliverySeconds?.toFixed(2) ?? '',
    p.enqueueSeconds?.toFixed(1) ?? '',
    p.workerCpuSeconds.toFixed(1),
    `${p.loadAverage.start}→${p.loadAverage.end}`,
    p.ok ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function load(): number {
  return round(os.loadavg()[0], 2);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

if (require.main === module) runBench('reminders bench', main, int('REMINDERS_BENCH_DEADLINE_SECONDS', 1200));
