import { JobName, QueueName } from '../src/common/queues/queue-catalog';
import { QueuesService } from '../src/common/queues/queues.service';
import { ReminderDeliveryHandler } from '../src/modules/reminders/delivery/reminder-delivery.handler';
import { ReminderEnqueuer } from '../src/modules/reminders/delivery/reminder-enqueuer';
import { ReminderReconcilerHandler } from '../src/modules/reminders/reconcile/reminder-reconciler.handler';
import { RemindersService, ScheduleReminder } from '../src/modules/reminders/reminders.service';
import { createStaff } from './factories/pregnancy';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { sleep, waitFor } from './harness/wait';
import { reminderMaker } from './factories/reminders';

describe('reminder engine: scheduling and delivery', () => {
  let t: TestApp;
  let worker: TestWorker;
  let reminders: RemindersService;
  let nerima: string;
  let consultant1: string;
  let supervisor1: string;

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    reminders = t.app.get(RemindersService);
    nerima = await t.officeId('CFS-NERIMA');
    consultant1 = await t.userId('consultant1');
    supervisor1 = await t.userId('supervisor1');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  // Closures: the office and user ids are known once beforeAll has run.
  const reminder = reminderMaker('test.rule', { officeId: () => nerima, userId: () => consultant1, dueInMs: 1_000 });
  const schedule = (r: ScheduleReminder) => t.dataSource.transaction((m) => reminders.schedule(m, r));
  const cancel = (key: string) => t.dataSource.transaction((m) => reminders.cancel(m, key));
  const stateOf = async (key: string, stage = 'due') =>
    (await t.dataSource.query(`SELECT id, state, version, due_at, delivered_at, unresolved_recipients, failure_reason FROM reminders WHERE key = $1 AND stage = $2`, [key, stage]))[0];
  const notificationsOf = (key: string): Promise<Array<{ user_id: string; reminder_version: number; due_at: Date; created_at: Date }>> =>
    t.dataSource.query(`SELECT n.user_id, n.reminder_version, n.due_at, n.created_at FROM notifications n JOIN reminders r ON r.id = n.reminder_id WHERE r.key = $1 ORDER BY n.user_id`, [key]);
  const delivered = (key: string, stage = 'due') => waitFor(() => stateOf(key, stage), (row) => row?.state === 'delivered', { what: `${key} delivered` });

  it('delivers a reminder at its due time to the right inbox, once', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 1_500) });
    await schedule(r);
    expect(await notificationsOf(r.key)).toHaveLength(0);
    const row = await delivered(r.key);
    expect(row.delivered_at.getTime()).toBeGreaterThanOrEqual(r.dueAt.getTime());
    expect(row.delivered_at.getTime()).toBeLessThan(r.dueAt.getTime() + 2_000);
    await sleep(500);
    const sent = await notificationsOf(r.key);
    expect(sent).toEqual([expect.objectContaining({ user_id: consultant1, reminder_version: 1 })]);
  });

  it('moves a rescheduled reminder: the old time delivers nothing, the new one delivers once', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 1_000) });
    await schedule(r);
    const later = new Date(Date.now() + 3_000);
    await schedule({ ...r, dueAt: later });
    await sleep(2_000);
    expect(await notificationsOf(r.key)).toHaveLength(0);
    expect((await stateOf(r.key)).state).toBe('scheduled');
    const row = await delivered(r.key);
    expect(row.version).toBe(2);
    expect(row.delivered_at.getTime()).toBeGreaterThanOrEqual(later.getTime());
    expect(await notificationsOf(r.key)).toEqual([expect.objectContaining({ reminder_version: 2, due_at: later })]);
  });

  it('does not re-deliver when a delivered reminder is scheduled again unchanged, and re-arms it for a new due time', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 200) });
    await schedule(r);
    await delivered(r.key);
    await schedule(r);
    await sleep(1_000);
    expect(await stateOf(r.key)).toMatchObject({ state: 'delivered', version: 1 });
    expect(await notificationsOf(r.key)).toHaveLength(1);
    await schedule({ ...r, dueAt: new Date(Date.now() + 300) });
    await waitFor(() => notificationsOf(r.key), (rows) => rows.length === 2, { what: 'second occurrence' });
  });

  it('a cancelled reminder is never delivered; cancelling an absent key is a no-op', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 1_000) });
    await schedule(r);
    await cancel(r.key);
    await cancel('test.rule:absent');
    await sleep(2_000);
    expect(await stateOf(r.key)).toMatchObject({ state: 'cancelled' });
    expect(await notificationsOf(r.key)).toHaveLength(0);
  });

  it('rolls back with the caller: no reminder and no job when the transaction fails', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 500) });
    await expect(
      t.dataSource.transaction(async (m) => {
        await reminders.schedule(m, r);
        throw new Error('the feature write failed');
      }),
    ).rejects.toThrow('the feature write failed');
    expect(await stateOf(r.key)).toBeUndefined();
    // Nothing on the queue points at a reminder that does not exist.
    const queued = await t.app.get(QueuesService).queue(QueueName.Reminders).getJobs(['delayed', 'waiting']);
    const ids = queued.map((job) => (job.data as { reminderId: string }).reminderId);
    const known: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM reminders WHERE id = ANY ($1::uuid[])`, [ids]);
    expect(known.length).toBe(new Set(ids).size);
  });

  it('enqueues after commit, under a job id made of the reminder id and version', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 60_000) });
    await schedule(r);
    const row = await stateOf(r.key);
    const job = await t.app.get(QueuesService).getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(row.id, 1));
    expect(job?.data).toEqual({ reminderId: row.id, version: 1 });
    await cancel(r.key);
    expect(await t.app.get(QueuesService).getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(row.id, 1))).toBeUndefined();
  });

  it('moving a queued reminder and its escalation replaces their jobs: the old versions are dropped from the queue', async () => {
    const queues = t.app.get(QueuesService);
    const r = reminder({ dueAt: new Date(Date.now() + 60_000), escalation: { at: new Date(Date.now() + 120_000), recipients: [{ kind: 'user', userId: await t.userId('supervisor1') }] } });
    await schedule(r);
    const stages: Array<{ id: string; stage: string; version: number }> = await t.dataSource.query(`SELECT id, stage, version FROM reminders WHERE key = $1 ORDER BY stage`, [r.key]);
    expect(stages.map((s) => s.version)).toEqual([1, 1]);
    for (const s of stages) expect(await queues.getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(s.id, 1))).toBeDefined();
    await schedule({ ...r, dueAt: new Date(Date.now() + 90_000), escalation: { ...r.escalation!, at: new Date(Date.now() + 150_000) } });
    for (const s of stages) {
      expect(await queues.getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(s.id, 1))).toBeUndefined();
      expect((await queues.getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(s.id, 2)))?.data).toEqual({ reminderId: s.id, version: 2 });
    }
    await cancel(r.key);
  });

  it('leaves a reminder due beyond the lookahead to the reconciler, which enqueues it once it comes into range', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 3 * 3_600_000) });
    await schedule(r);
    const row = await stateOf(r.key);
    const queues = t.app.get(QueuesService);
    expect(await queues.getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(row.id, 1))).toBeUndefined();
    const reconciler = worker.get(ReminderReconcilerHandler);
    await reconciler.handle();
    expect(await queues.getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(row.id, 1))).toBeUndefined();
    // Time passes: the reminder is now due within the lookahead.
    await t.dataSource.query(`UPDATE reminders SET due_at = now() + interval '1 minute' WHERE id = $1`, [row.id]);
    await reconciler.handle();
    const job = await queues.getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(row.id, 1));
    expect(job?.data).toEqual({ reminderId: row.id, version: 1 });
    await cancel(r.key);
    expect(await queues.getJob(JobName.DeliverReminder, ReminderEnqueuer.jobId(row.id, 1))).toBeUndefined();
  });

  it('delivers once when the same reminder is enqueued twice or its job runs twice at once', async () => {
    const r = reminder({ dueAt: new Date(Date.now() + 1_500) });
    await schedule(r);
    const row = await stateOf(r.key);
    const enqueuer = t.app.get(ReminderEnqueuer);
    await enqueuer.enqueue([{ id: row.id, version: 1, dueAt: r.dueAt }]);
    await enqueuer.enqueue([{ id: row.id, version: 1, dueAt: r.dueAt }]);
    await sleep(r.dueAt.getTime() - Date.now());
    // Two extra runs of the same job, in parallel with the queued one.
    const handler = worker.get(ReminderDeliveryHandler);
    const outcomes = await Promise.all([handler.handle({ reminderId: row.id, version: 1 }), handler.handle({ reminderId: row.id, version: 1 })]);
    await delivered(r.key);
    await sleep(500);
    expect(outcomes.filter((o) => o === 'delivered').length).toBeLessThanOrEqual(1);
    expect(outcomes.every((o) => o === 'delivered' || o === 'stale')).toBe(true);
    expect(await notificationsOf(r.key)).toHaveLength(1);
    // And a job for a superseded version does nothing.
    expect(await handler.handle({ reminderId: row.id, version: 0 })).toBe('stale');
  });

  it('delivers the rest of a batch at once while one of its reminders is locked elsewhere, and that one after the lock is gone', async () => {
    const batch = Array.from({ length: 10 }, () => reminder({ dueAt: new Date(Date.now() + 1_500) }));
    await t.dataSource.transaction(async (m) => {
      for (const r of batch) await reminders.schedule(m, r);
    });
    const [held, ...rest] = batch;
    // Another transaction holds the row, as a module rescheduling it would.
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT id FROM reminders WHERE key = $1 AND stage = 'due' FOR UPDATE`, [held.key]);
      for (const r of rest) await delivered(r.key);
      expect(await stateOf(held.key)).toMatchObject({ state: 'scheduled' });
    } finally {
      await other.commitTransaction();
      await other.release();
    }
    await delivered(held.key);
    for (const r of batch) expect(await notificationsOf(r.key)).toHaveLength(1);
  });

  it('resolves office roles at delivery time: staff changes after scheduling are honoured', async () => {
    // Due far enough ahead that the staff change below lands first even on a busy machine.
    const r = reminder({ dueAt: new Date(Date.now() + 8_000), recipients: [{ kind: 'office_role', officeId: nerima, role: 'supervisor' as never }] });
    await schedule(r);
    // After scheduling: a new supervisor joins, supervisor1 leaves.
    const admin = await t.login('admin');
    const created = await t.post('/api/v1/users', {
      token: admin,
      body: { loginId: 'supervisor-new', displayName: '係長 新任', officeId: nerima, roles: ['supervisor'], password: 'long-enough-passphrase' },
    });
    expect(created.status).toBe(201);
    expect((await t.post(`/api/v1/users/${supervisor1}/deactivate`, { token: admin })).status).toBe(200);
    try {
      await waitFor(() => stateOf(r.key, 'due'), (row) => row?.state === 'delivered', { what: 'delivered', timeoutMs: 20_000 });
      expect((await notificationsOf(r.key)).map((n) => n.user_id)).toEqual([created.body.id]);
    } finally {
      expect((await t.post(`/api/v1/users/${supervisor1}/activate`, { token: admin })).status).toBe(200);
    }
  });

  it("records recipients that name nobody; with nobody at all the office's supervisors take it, and without them it fails", async () => {
    const nobody = reminder({ dueAt: new Date(Date.now() + 300), recipients: [{ kind: 'office_role', officeId: nerima, role: 'auditor' as never }, { kind: 'office_role', officeId: nerima, role: 'liaison' as never }] });
    const unreachable = reminder({ dueAt: new Date(Date.now() + 300), recipients: [{ kind: 'office_role', officeId: await t.officeId('CFS-NUKUI'), role: 'admin' as never }] });
    // An office without a supervisor: nobody to fall back on.
    const empty = reminder({ dueAt: new Date(Date.now() + 300), officeId: await t.officeId('HC-KITA'), recipients: unreachable.recipients });
    await schedule(nobody);
    await schedule(unreachable);
    await schedule(empty);
    await delivered(nobody.key);
    const fellBack = await delivered(unreachable.key);
    expect(fellBack.unresolved_recipients).toEqual([{ recipient: { kind: 'office_role', officeId: expect.any(String), role: 'admin' }, reason: 'nobody' }]);
    expect((await notificationsOf(unreachable.key)).map((n) => n.user_id)).toContain(supervisor1);
    const failed = await waitFor(() => stateOf(empty.key), (row) => row?.state === 'failed', { what: 'failed' });
    expect(failed.failure_reason).toBe('no_recipient');
    // Someone named by id who now works at another office is not reached with this office's follow-up.
    const elsewhere = await createStaff(t.dataSource, 'moved-away', 'CFS-NUKUI', ['consultant']);
    const moved = reminder({ dueAt: new Date(Date.now() + 300), recipients: [{ kind: 'user', userId: elsewhere }] });
    await schedule(moved);
    const redirected = await delivered(moved.key);
    expect(redirected.unresolved_recipients).toEqual([{ recipient: { kind: 'user', userId: elsewhere }, reason: 'other_office' }]);
    expect((await notificationsOf(moved.key)).map((n) => n.user_id)).not.toContain(elsewhere);
    expect((await notificationsOf(moved.key)).map((n) => n.user_id)).toContain(supervisor1);
    expect(failed.unresolved_recipients).toEqual([{ recipient: { kind: 'office_role', officeId: expect.any(String), role: 'admin' }, reason: 'nobody' }]);
    expect(await notificationsOf(empty.key)).toHaveLength(0);
  });

  it('refuses malformed reminders and recipient kinds nobody registered, failing the caller loudly', async () => {
    await expect(schedule(reminder({ rule: 'Bad Rule' }))).rejects.toThrow(/rule/);
    await expect(schedule(reminder({ recipients: [] }))).rejects.toThrow(/recipients/);
    // The cases module registers 'case_lead'; a kind no module registers must be refused.
    await expect(schedule(reminder({ recipients: [{ kind: 'no_such_kind', caseId: '00000000-0000-4000-8000-000000000000' } as never] }))).rejects.toThrow(/no resolver registered for kind "no_such_kind"/);
  });

  it('escalates when the subject is still open, and not when the module resolved it', async () => {
    const supervisors = [{ kind: 'office_role' as const, officeId: nerima, role: 'supervisor' as never }];
    // The escalation lies far enough ahead that the cancel lands first even on a busy machine.
    const open = reminder({ dueAt: new Date(Date.now() + 300), escalation: { at: new Date(Date.now() + 6_000), recipients: supervisors, title: '未対応のまま期日を過ぎています', urgent: true } });
    const resolved = reminder({ dueAt: new Date(Date.now() + 300), escalation: { at: new Date(Date.now() + 6_000), recipients: supervisors } });
    await schedule(open);
    await schedule(resolved);
    await delivered(resolved.key);
    await cancel(resolved.key);
    await waitFor(() => stateOf(open.key, 'escalation'), (row) => row?.state === 'delivered', { what: 'escalation delivered', timeoutMs: 20_000 });
    await sleep(500);
    expect(await stateOf(resolved.key, 'escalation')).toMatchObject({ state: 'cancelled' });
    const sent: Array<{ user_id: string; title: string; urgent: boolean }> = await t.dataSource.query(
      `SELECT n.user_id, n.title, n.urgent FROM notifications n JOIN reminders r ON r.id = n.reminder_id WHERE r.key = ANY ($1) AND r.stage = 'escalation'`,
      [[open.key, resolved.key]],
    );
    const activeSupervisors: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM users WHERE office_id = $1 AND 'supervisor' = ANY (roles) AND active ORDER BY id`, [nerima]);
    expect(activeSupervisors.map((u) => u.id)).toContain(supervisor1);
    expect(sent.map((n) => n.user_id).sort()).toEqual(activeSupervisors.map((u) => u.id));
    expect(new Set(sent.map((n) => `${n.title}/${n.urgent}`))).toEqual(new Set(['未対応のまま期日を過ぎています/true']));
  });

  it('notifyNow delivers promptly', async () => {
    const { dueAt: _dueAt, ...now } = reminder();
    const started = Date.now();
    await t.dataSource.transaction((m) => reminders.notifyNow(m, now));
    await delivered(now.key);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
