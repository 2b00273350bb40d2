import { QueueName } from '../src/common/queues/queue-catalog';
import { QueuesService } from '../src/common/queues/queues.service';
import { RECONCILER_SCHEDULER_ID } from '../src/modules/reminders/reconcile/reconcile-schedule';
import { RemindersService, ScheduleReminder } from '../src/modules/reminders/reminders.service';
import { PrivateRedis } from './harness/private-redis';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';

/** Destructive Redis tests: they run against a redis-server of their own. */
describe('reminders survive the loss of Redis', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let worker: TestWorker;
  let reminders: RemindersService;
  let nerima: string;
  let consultant1: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const fast = { redisUrl: redis.url, reconcileEveryMs: 300, reconcileLookaheadMs: 60_000 };
    t = await TestApp.start({ config: fast });
    worker = await TestWorker.start(t.config);
    reminders = t.app.get(RemindersService);
    nerima = await t.officeId('CFS-NERIMA');
    consultant1 = await t.userId('consultant1');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await redis.down();
  });

  const batch = (prefix: string, count: number, dueAt: Date): ScheduleReminder[] =>
    Array.from({ length: count }, (_, i) => ({
      key: `${prefix}:${i}`,
      rule: 'test.rule',
      subjectType: 'test_subject',
      subjectId: `${prefix}-${i}`,
      officeId: nerima,
      title: '確認の期日です',
      dueAt,
      recipients: [{ kind: 'user', userId: consultant1 }],
    }));
  const deliveries = async (prefix: string): Promise<{ reminders: number; delivered: number; notifications: number }> => {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS reminders, count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
              (SELECT count(*)::int FROM notifications n JOIN reminders r2 ON r2.id = n.reminder_id WHERE r2.key LIKE $1) AS notifications
       FROM reminders WHERE key LIKE $1`,
      [`${prefix}:%`],
    );
    return row;
  };

  it('FLUSHALL with reminders pending: the reconciler puts them back and each is delivered exactly once', async () => {
    const pending = batch('flush', 25, new Date(Date.now() + 2_000));
    await t.dataSource.transaction(async (m) => {
      for (const r of pending) await reminders.schedule(m, r);
    });
    expect(await t.app.get(QueuesService).queue(QueueName.Reminders).getDelayedCount()).toBeGreaterThanOrEqual(25);
    await redis.flushAll();
    expect(await t.app.get(QueuesService).queue(QueueName.Reminders).getDelayedCount()).toBe(0);

    const done = await waitFor(() => deliveries('flush'), (d) => d.delivered === 25, { timeoutMs: 15_000, what: 'all delivered' });
    expect(done).toEqual({ reminders: 25, delivered: 25, notifications: 25 });
    // The reconciler's own schedule was wiped too, and restored.
    expect(await t.app.get(QueuesService).queue(QueueName.ReminderMaintenance).getJobScheduler(RECONCILER_SCHEDULER_ID)).toBeDefined();
  });

  it("Redis down: scheduling still commits promptly, and the reminder is delivered once Redis is back", async () => {
    await redis.down();
    const [r] = batch('outage', 1, new Date(Date.now() + 500));
    const started = Date.now();
    await t.dataSource.transaction((m) => reminders.schedule(m, r));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await deliveries('outage')).toMatchObject({ reminders: 1, delivered: 0 });

    await redis.up();
    const done = await waitFor(() => deliveries('outage'), (d) => d.delivered === 1, { timeoutMs: 20_000, what: 'delivered after the outage' });
    expect(done.notifications).toBe(1);
  });
});
