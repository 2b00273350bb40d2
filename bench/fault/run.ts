import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { UNSTAGED_WRITE_MESSAGE } from '../../src/modules/audit/unstaged-write-guard';
import { sleep } from '../lib/ports';
import { PrivatePostgres } from '../lib/private-postgres';
import { PrivateRedis } from '../lib/private-redis';
import { login, machine, prepareDatabase, ROOT, Stack } from '../lib/stack';
import { judge, FaultWindow, Verdict, WriteAuditCount } from './judge';
import { MailSink } from './mail-sink';
import { countDeliveries, countMailRows, FAULT_RULE, pendingCount, scheduleReminderBatch } from './reminder-batch';
import { Monitor, tally, Writers } from './traffic';
import { cleanups, runBench } from '../lib/main';

const TEST_RULE = 'demo.test';
const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/**
 * `npm run fault`: fault injection on loopback, against a PostgreSQL and a
 * redis-server of its own (never the machine's shared ones). The real API and
 * worker run as child processes; ≥ 10k reminders come due while clients keep
 * writing, and Redis is crashed, flushed, the worker SIGKILLed, PostgreSQL
 * crashed and the API process SIGKILLed (twice) in turn. After recovery every
 * reminder must have been delivered exactly once, with no partial rows, every
 * committed write must have its audit event (the worker recovers those whose
 * API process died before the append), and the API must have answered 503
 * problem+json during each outage and recovered by itself. Bounded in time:
 * it stops by itself (FAULT_DEADLINE_SECONDS) and cleans up what it started.
 */
async function main(): Promise<number> {
  const reminders = int('FAULT_REMINDERS', 12_000);
  const spreadSeconds = int('FAULT_SPREAD_SECONDS', 100);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logDir = path.join(ROOT, 'bench/results/tmp', `fault-${stamp}`);
  mkdirSync(logDir, { recursive: true });
  const log = (message: string) => process.stdout.write(`[fault ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
  const t0 = Date.now();

  const pg = await PrivatePostgres.create(ROOT, 'fault-pg');
  cleanups.push(() => pg.destroy());
  const redis = await PrivateRedis.create(ROOT, 'fault-redis');
  cleanups.push(() => redis.destroy());
  const mail = await MailSink.start();
  cleanups.push(() => mail.stop());
  await pg.start();
  await redis.start();
  const databaseUrl = await pg.createDatabase('hagukumi_fault');
  await prepareDatabase(databaseUrl);
  log(`private postgres on :${pg.port}, redis on :${redis.port}, smtp sink on :${mail.port}; logs in ${path.relative(ROOT, logDir)}`);

  const stack = new Stack({
    databaseUrl,
    redisUrl: redis.url,
    logDir,
    // A reconciler every 5 s looking 60 s ahead, and a 10 s job lock, keep the recovery (and this run) short
    // without re-adding the whole batch to the queue on every pass.
    // The audit outbox swept every 2 s, rows recovered after 30 s (the least allowed), for the same reason.
    env: {
      RECONCILE_EVERY_MS: '5000',
      RECONCILE_LOOKAHEAD_MS: '60000',
      JOB_LOCK_MS: '10000',
      SMTP_URL: mail.url,
      MAIL_BACKOFF_MS: '500',
      MAIL_CONCURRENCY: '20',
      AUDIT_OUTBOX_SWEEP_EVERY_MS: '2000',
      AUDIT_OUTBOX_RECOVER_AFTER_MS: '30000',
    },
  });
  cleanups.push(() => stack.stop());
  let api = await stack.startApi();
  await stack.startWorker();
  log(`API ${api} and worker up`);

  const tokens = await Promise.all(['consultant1', 'consultant2', 'supervisor1', 'nurse1'].map((id) => login(api, id)));
  const monitorToken = await login(api, 'supervisor2');
  const db = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  const loadStart = Date.now();
  await db((c) => scheduleReminderBatch(c, reminders, new Date(loadStart + 5_000), new Date(loadStart + 5_000 + spreadSeconds * 1_000)));
  log(`${reminders} reminders scheduled in the table, due over ${spreadSeconds} s; writers and probes start`);
  const writers = new Writers(() => api, tokens);
  writers.start(4);
  const monitor = new Monitor(() => api, monitorToken);
  monitor.start();

  const windows: FaultWindow[] = [];
  const at = async (second: number) => sleep(Math.max(0, loadStart + second * 1_000 - Date.now()));

  await at(12);
  log('Redis: crash (SIGKILL)');
  let downAt = Date.now();
  await redis.kill();
  await sleep(5_000);
  let restartAt = Date.now();
  await redis.start();
  windows.push({ fault: 'redis-crash', dependency: 'redis', downAt, restartAt, upAt: Date.now() });
  log('Redis: back (append-only file replayed)');

  await at(30);
  log('Redis: FLUSHALL');
  downAt = Date.now();
  await redis.flushAll();
  windows.push({ fault: 'redis-flushall', dependency: null, downAt, restartAt: Date.now(), upAt: Date.now() });

  await at(42);
  log('worker: SIGKILL');
  downAt = Date.now();
  await stack.workers[0].kill();
  await sleep(3_000);
  restartAt = Date.now();
  await stack.startWorker(0);
  windows.push({ fault: 'worker-sigkill', dependency: null, downAt, restartAt, upAt: Date.now() });
  log('worker: restarted');

  await at(60);
  log('PostgreSQL: crash (pg_ctl stop -m immediate)');
  downAt = Date.now();
  pg.stop('immediate');
  await sleep(6_000);
  restartAt = Date.now();
  await pg.start();
  windows.push({ fault: 'postgres-crash', dependency: 'postgres', downAt, restartAt, upAt: Date.now() });
  log('PostgreSQL: back (crash recovery done)');

  // The API process itself, twice: a write caught between its commit and its audit append leaves its staged row.
  for (const second of [80, 92]) {
    await at(second);
    log('API: SIGKILL');
    downAt = Date.now();
    await stack.apis[0].process.kill();
    await sleep(1_000);
    restartAt = Date.now();
    api = await stack.startApi(0);
    windows.push({ fault: 'api-sigkill', dependency: null, downAt, restartAt, upAt: Date.now() });
    log(`API: restarted at ${api}`);
  }

  await at(spreadSeconds + 10);
  await writers.stop();
  log(`writers stopped after ${writers.records.length} writes ${JSON.stringify(tally(writers.records))}`);

  const rules = [FAULT_RULE, TEST_RULE];
  const settleDeadline = Date.now() + int('FAULT_SETTLE_SECONDS', 1200) * 1_000;
  for (;;) {
    const pending = await db((c) => pendingCount(c, rules));
    const mails = await db((c) => countMailRows(c, rules));
    const staged = await db((c) => stagedAuditCount(c));
    if (pending === 0 && mails.pending === 0 && staged === 0) break;
    if (Date.now() > settleDeadline) {
      log(`not settled: ${pending} reminders still scheduled, ${mails.pending} e-mails pending, ${staged} audit events staged`);
      break;
    }
    log(`settling: ${pending} reminders scheduled, ${mails.pending} e-mails pending, ${staged} audit events staged`);
    await sleep(5_000);
  }
  // A little longer: a late duplicate (a stalled job taken over) would show up now.
  await sleep(8_000);
  await monitor.stop();

  const deliveries = await db((c) => countDeliveries(c, rules));
  const mailRows = await db((c) => countMailRows(c, rules));
  const writeAudit = await db((c) => auditOfWrites(c, writers.records.filter((w) => w.reminderId).map((w) => ({ requestId: w.requestId, reminderId: w.reminderId as string }))));
  const rss = { api: stack.apis[0].process.peakRssMb(), workers: stack.workers.map((w) => w.peakRssMb()) };
  const unstagedWriteWarnings = readdirSync(logDir)
    .filter((name) => name.startsWith('api-'))
    .flatMap((name) => readFileSync(path.join(logDir, name), 'utf8').split('\n'))
    .filter((line) => line.includes(UNSTAGED_WRITE_MESSAGE));
  const verdict: Verdict = judge({
    windows,
    monitor: monitor.samples,
    writes: writers.records,
    deliveries,
    mailRows,
    mailReceived: mail.received,
    mailUnreadable: mail.unreadable,
    writeAudit,
    minimumReminders: 10_000,
    unstagedWriteWarnings,
    startedAt: loadStart,
  });

  const result = {
    kind: 'fault-injection',
    date: new Date().toISOString(),
    machine: machine(),
    settings: { reminders, spreadSeconds, reconcileEveryMs: 5000, reconcileLookaheadMs: 60000, jobLockMs: 10000, writers: 4 },
    windows: windows.map((w) => ({ ...w, downSeconds: (w.upAt - w.downAt) / 1000 })),
    ...verdict.figures,
    peakRssMb: rss,
    checks: verdict.checks,
    passed: verdict.checks.every((c) => c.ok),
  };
  const file = path.join(ROOT, 'bench/results/fault.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${verdict.summary}\n\nwritten to ${path.relative(ROOT, file)}\n`);
  return result.passed ? 0 : 1;
}

/**
 * Every write the API confirmed: its reminder row exists and its audit event (same request id) says success.
 * Every write that committed though its answer was lost: its audit event (made by the worker from the row the
 * write's transaction staged, when the API process died before its append). No write with two success events.
 */
async function auditOfWrites(client: Client, writes: Array<{ requestId: string; reminderId: string }>): Promise<WriteAuditCount> {
  const { rows } = await client.query<{ missing_row: number; missing_audit: number }>(
    `SELECT count(*) FILTER (WHERE r.id IS NULL)::int AS missing_row,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.request_id = w.request_id AND a.outcome = 'success' AND a.resource_id = w.reminder_id::text))::int AS missing_audit
       FROM unnest($1::text[], $2::uuid[]) AS w (request_id, reminder_id) LEFT JOIN reminders r ON r.id = w.reminder_id`,
    [writes.map((w) => w.requestId), writes.map((w) => w.reminderId)],
  );
  const { rows: extra } = await client.query<{ n: number; without_audit: number }>(
    `SELECT count(*)::int AS n,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.resource_id = r.id::text AND a.action = 'reminder.schedule_test' AND a.outcome = 'success'))::int AS without_audit
       FROM reminders r WHERE r.rule = 'demo.test' AND r.id <> ALL ($1::uuid[])`,
    [writes.map((w) => w.reminderId)],
  );
  const { rows: recovered } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE details @> '{"recoveredFromOutbox": true}'`);
  // An append retried after its answer was lost, or one that came after the worker recovered its staged row, must not log the change twice.
  const { rows: twice } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT FROM audit_events a WHERE a.action = 'reminder.schedule_test' AND a.outcome = 'success' GROUP BY a.resource_id HAVING count(*) > 1) AS d`,
  );
  return {
    confirmed: writes.length,
    missingRow: rows[0].missing_row,
    missingAudit: rows[0].missing_audit,
    committedUnconfirmed: extra[0].n,
    unconfirmedWithoutAudit: extra[0].without_audit,
    recoveredFromOutbox: recovered[0].n,
    loggedTwice: twice[0].n,
    stagedLeft: await stagedAuditCount(client),
  };
}

async function stagedAuditCount(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_outbox`);
  return rows[0].n;
}

if (require.main === module) runBench('fault bench', main, int('FAULT_DEADLINE_SECONDS', 1800));
