import { Client } from 'pg';
import { QueueName } from '../src/common/queues/queue-catalog';
import { QueuesService } from '../src/common/queues/queues.service';
import { PrivateRedis } from './harness/private-redis';
import { TestApp } from './harness/test-app';
import { waitFor } from './harness/wait';
import { WorkerProcess } from './harness/worker-process';

const COUNT = 300;
const CONCURRENCY = 16;
/**
 * Past the first 100 (the queue hands them out in id order: the reconciler
 * enqueues by due time, then id), every fifth reminder is row-locked by the
 * test: delivery batches skip them, and the transactions that then deliver
 * them one by one hang mid-way, each holding its job.
 */
const LOCKED = `rank > 100 AND rank % 5 = 0`;
const LOCKED_COUNT = 40;
const WORKER_ENV = {
  REMINDER_CONCURRENCY: String(CONCURRENCY),
  // A crashed worker's jobs are taken over once their lock expires: keep that short.
  JOB_LOCK_MS: '2000',
  RECONCILE_EVERY_MS: '1000',
  RECONCILE_LOOKAHEAD_MS: '60000',
};

/**
 * A real worker process (dist/src/worker.js) is SIGKILLed in the middle of a
 * batch of due reminders — some delivered, delivery transactions open and
 * waiting, every job slot taken, the rest still queued — and a new one started:
 * every reminder ends delivered exactly once, to each of its recipients.
 * Against a redis-server of its own.
 */
describe('a worker killed in the middle of a batch', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let locker: Client | null = null;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await TestApp.start({ config: { redisUrl: redis.url } });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await locker?.query('ROLLBACK').catch(() => undefined);
    await locker?.end().catch(() => undefined);
    await t?.close();
    await redis?.down();
  });

  const counts = async () =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS reminders,
                count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
                (SELECT count(*)::int FROM notifications n JOIN reminders r ON r.id = n.reminder_id WHERE r.rule = 'test.crash') AS notifications
         FROM reminders WHERE rule = 'test.crash'`,
      )
    )[0] as { reminders: number; delivered: number; notifications: number };
  /** Worker backends waiting for a row lock: delivery transactions stuck on the test's locks. */
  const waitingOnLocks = async (): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n;

  it('delivers every reminder exactly once after a SIGKILL and a restart', async () => {
    const nerima = await t.officeId('CFS-NERIMA');
    const consultant1 = await t.userId('consultant1');
    // Odd ones also go to the office's supervisors (a role resolved at delivery): several inbox entries per reminder.
    await t.dataSource.query(
      `INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients)
       SELECT 'test.crash:' || g, 'due', 'test.crash', 'test_subject', g::text, $1::uuid, '確認の期日です', now() - interval '1 second',
              CASE WHEN g % 2 = 0 THEN jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', $2::text))
                   ELSE jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', $2::text), jsonb_build_object('kind', 'office_role', 'officeId', $1::uuid::text, 'role', 'supervisor')) END
       FROM generate_series(1, $3::int) g`,
      [nerima, consultant1, COUNT],
    );
    const [{ n: supervisors }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE office_id = $1 AND 'supervisor' = ANY (roles) AND active AND id <> $2`, [nerima, consultant1]);
    expect(supervisors).toBeGreaterThanOrEqual(1);

    locker = new Client({ connectionString: t.db.url });
    await locker.connect();
    await locker.query('BEGIN');
    const locked = await locker.query(
      `SELECT r.id FROM reminders r
       WHERE r.id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM reminders WHERE rule = 'test.crash') x WHERE ${LOCKED})
       FOR UPDATE OF r`,
    );
    expect(locked.rowCount).toBe(LOCKED_COUNT);

    // Nothing was enqueued: the worker's reconciler finds the due rows, as after any lost enqueue.
    const first = await WorkerProcess.start(t.config, WORKER_ENV);
    workers.push(first);
    const queue = t.app.get(QueuesService).queue(QueueName.Reminders);
    // Mid-batch: some delivered, delivery transactions of the worker open and waiting on locked rows, every job slot taken
    // by a job waiting for its transaction (so no more are fetched), the rest still queued.
    await waitFor(
      async () => ({ waiting: await waitingOnLocks(), active: await queue.getActiveCount(), ...(await counts()) }),
      (s) => s.waiting >= 1 && s.active === CONCURRENCY && s.delivered > 0,
      { what: 'every delivery transaction stuck mid-way', timeoutMs: 30_000 },
    );
    await first.kill();
    // The dead worker's jobs are still marked active in Redis, and the rest are waiting.
    expect(await queue.getActiveCount()).toBe(CONCURRENCY);
    expect(await queue.getWaitingCount()).toBeGreaterThan(0);
    const atKill = await counts();
    expect(atKill.delivered).toBeGreaterThan(0);
    expect(atKill.delivered).toBeLessThanOrEqual(COUNT - LOCKED_COUNT);
    await locker.query('ROLLBACK');
    await locker.end();
    locker = null;

    const second = await WorkerProcess.start(t.config, WORKER_ENV);
    workers.push(second);
    await waitFor(counts, (c) => c.delivered === COUNT, { what: 'every reminder delivered after the restart', timeoutMs: 60_000, intervalMs: 250 });
    // Let the queue drain (the stalled jobs of the dead worker run and find their reminder delivered) before counting.
    await waitFor(async () => queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized'), (c) => Object.values(c).every((n) => n === 0), {
      what: 'the delivery queue drained',
      timeoutMs: 30_000,
    });

    const perReminder: Array<{ g: number; state: string; version: number; notifications: number; users: number; versions: number[] }> = await t.dataSource.query(
      `SELECT r.subject_id::int AS g, r.state, r.version, count(n.id)::int AS notifications, count(DISTINCT n.user_id)::int AS users,
              coalesce(array_agg(DISTINCT n.reminder_version) FILTER (WHERE n.id IS NOT NULL), '{}') AS versions
       FROM reminders r LEFT JOIN notifications n ON n.reminder_id = r.id
       WHERE r.rule = 'test.crash' GROUP BY r.id ORDER BY 1`,
    );
    expect(perReminder).toHaveLength(COUNT);
    const wrong = perReminder.filter((r) => {
      const expected = r.g % 2 === 0 ? 1 : 1 + supervisors;
      return r.state !== 'delivered' || r.version !== 1 || r.notifications !== expected || r.users !== expected || r.versions.join() !== '1';
    });
    expect(wrong).toEqual([]);
    const total = perReminder.reduce((sum, r) => sum + (r.g % 2 === 0 ? 1 : 1 + supervisors), 0);
    expect(await counts()).toEqual({ reminders: COUNT, delivered: COUNT, notifications: total });
    // The worker logs ids and counts only.
    expect(first.log + second.log).not.toMatch(/相談|係長|@example\.invalid/);
    // Two worker start-ups and generous waits: more than Jest's default on a busy machine.
  }, 240_000);
});
