import { RemindersService, ScheduleReminder } from '../src/modules/reminders/reminders.service';
import { addDays, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';

describe('inbox and due lists', () => {
  let t: TestApp;
  let worker: TestWorker;
  let consultant: string;
  let supervisor: string;
  let consultant1: string;
  let nerima: string;

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    consultant = await t.login('consultant1');
    supervisor = await t.login('supervisor1');
    consultant1 = await t.userId('consultant1');
    nerima = await t.officeId('CFS-NERIMA');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const inbox = (token: string, query: Record<string, string | number | boolean> = {}) => t.get('/api/v1/notifications', { token, query });

  it('validates the demo rule: a date-time from now to 30 days ahead, nothing else', async () => {
    for (const body of [{}, { dueAt: 'tomorrow' }, { dueAt: '2020-01-01T00:00:00Z' }, { dueAt: new Date(Date.now() + 40 * 86_400_000).toISOString() }, { dueAt: new Date().toISOString(), extra: 1 }]) {
      const res = await t.post('/api/v1/reminders/test', { token: consultant, body });
      expect(res.status).toBe(400);
      expect(res.body.code ?? res.body.type).toBeDefined();
    }
  });

  it('delivers the demo reminder to the caller, unread first, with the unread count', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await t.post('/api/v1/reminders/test', { token: consultant, body: { dueAt: new Date(Date.now() + 300).toISOString() } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), rule: 'demo.test' });
    }
    const page = await waitFor(() => inbox(consultant), (res) => res.body.items?.length === 3, { what: 'three notifications' });
    expect(page.status).toBe(200);
    expect(page.body.unreadCount).toBe(3);
    expect(page.body.items[0]).toMatchObject({ rule: 'demo.test', subjectType: 'user', subjectId: consultant1, title: 'テスト通知です', urgent: false, readAt: null });

    const read = await t.post(`/api/v1/notifications/${page.body.items[0].id}/read`, { token: consultant });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const after = await inbox(consultant);
    expect(after.body.unreadCount).toBe(2);
    // The read one sorts last.
    expect(after.body.items.map((n: { readAt: string | null }) => n.readAt !== null)).toEqual([false, false, true]);
    expect(after.body.items[2].id).toBe(page.body.items[0].id);
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const all = (await inbox(consultant)).body.items.map((n: { id: string }) => n.id);
    const first = await inbox(consultant, { limit: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await inbox(consultant, { limit: 2, cursor: first.body.nextCursor });
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((n: { id: string }) => n.id)).toEqual(all);
    expect((await inbox(consultant, { cursor: 'not-a-cursor' })).status).toBe(400);
  });

  it("another user's notification is a 404, and never listed", async () => {
    const mine = (await inbox(consultant)).body.items[0].id;
    expect((await t.post(`/api/v1/notifications/${mine}/read`, { token: supervisor })).status).toBe(404);
    expect((await inbox(supervisor)).body.items.map((n: { id: string }) => n.id)).not.toContain(mine);
    expect((await t.post(`/api/v1/notifications/00000000-0000-4000-8000-000000000000/read`, { token: consultant })).status).toBe(404);
    expect((await t.post(`/api/v1/notifications/not-a-uuid/read`, { token: consultant })).status).toBe(400);
    expect((await inbox('')).status).toBe(401);
  });

  it('marks everything read at once, only for the caller', async () => {
    // Someone else has an unread entry too: neither read-all nor a read by its id from another user touches it.
    expect((await t.post('/api/v1/reminders/test', { token: supervisor, body: { dueAt: new Date(Date.now() + 300).toISOString() } })).status).toBe(201);
    const theirs = (await waitFor(() => inbox(supervisor), (res) => res.body.items?.length === 1, { what: "the supervisor's notification" })).body.items[0].id;
    expect((await t.post(`/api/v1/notifications/${theirs}/read`, { token: consultant })).status).toBe(404);
    const res = await t.post('/api/v1/notifications/read-all', { token: consultant });
    expect(res.status).toBe(200);
    expect(res.body.marked).toBe(2);
    expect((await inbox(consultant)).body.unreadCount).toBe(0);
    expect((await inbox(consultant, { unreadOnly: true })).body.items).toHaveLength(0);
    const after = await inbox(supervisor);
    expect(after.body.unreadCount).toBe(1);
    expect(after.body.items).toEqual([expect.objectContaining({ id: theirs, readAt: null })]);
  });

  it("groups the caller's open reminders as overdue / today / upcoming; supervisors may list their office", async () => {
    const reminders = t.app.get(RemindersService);
    const today = todayInJapan();
    const base = (key: string, dueAt: Date, recipient: ScheduleReminder['recipients'][number]): ScheduleReminder => ({
      key,
      rule: 'watch_visit.due',
      subjectType: 'watch_visit_plan',
      subjectId: key,
      officeId: nerima,
      title: '見守り訪問の予定日です',
      dueAt,
      recipients: [recipient],
    });
    const me = { kind: 'user' as const, userId: consultant1 };
    await t.dataSource.transaction(async (m) => {
      await reminders.schedule(m, base('due:overdue', japanDateTime(addDays(today, -2), 9), me));
      await reminders.schedule(m, base('due:today', japanDateTime(today, 23, 59), me));
      await reminders.schedule(m, base('due:upcoming', japanDateTime(addDays(today, 3), 9), me));
      await reminders.schedule(m, base('due:later', japanDateTime(addDays(today, 20), 9), me));
      await reminders.schedule(m, base('due:supervisors', japanDateTime(addDays(today, 2), 9), { kind: 'office_role', officeId: nerima, role: 'supervisor' as never }));
      await reminders.schedule(m, { ...base('due:other-rule', japanDateTime(addDays(today, 1), 9), me), rule: 'interview.follow_up' });
    });
    const subjects = (group: { items: Array<{ subjectId: string }> }) => group.items.map((i) => i.subjectId);

    const mine = await t.get('/api/v1/reminders', { token: consultant, query: { rule: 'watch_visit.due' } });
    expect(mine.status).toBe(200);
    expect(mine.body.date).toBe(today);
    // The overdue one was delivered at once (its time had passed) and stays on the list until the module resolves it.
    expect(subjects(mine.body.overdue)).toEqual(['due:overdue']);
    expect(subjects(mine.body.today)).toEqual(['due:today']);
    expect(subjects(mine.body.upcoming)).toEqual(['due:upcoming']);
    expect(mine.body.today.items[0]).toMatchObject({ dueDate: today, stage: 'due', state: 'scheduled' });

    const allRules = await t.get('/api/v1/reminders', { token: consultant });
    expect(subjects(allRules.body.upcoming)).toEqual(['due:other-rule', 'due:upcoming']);

    const supervisorMine = await t.get('/api/v1/reminders', { token: supervisor });
    expect(subjects(supervisorMine.body.upcoming)).toEqual(['due:supervisors']);
    const office = await t.get('/api/v1/reminders', { token: supervisor, query: { scope: 'office', rule: 'watch_visit.due' } });
    expect(office.status).toBe(200);
    expect(subjects(office.body.upcoming)).toEqual(['due:supervisors', 'due:upcoming']);
    expect(office.body.overdue.total).toBe(1);

    expect((await t.get('/api/v1/reminders', { token: consultant, query: { scope: 'office' } })).status).toBe(403);
    expect((await t.get('/api/v1/reminders', { token: consultant, query: { scope: 'ward' } })).status).toBe(400);
    // Another office's supervisor sees none of it.
    const other = await t.get('/api/v1/reminders', { token: await t.login('supervisor2'), query: { scope: 'office' } });
    expect(other.body.upcoming.items).toEqual([]);

    // Another office's supervisor is not named by the role in this office.
    expect(subjects((await t.get('/api/v1/reminders', { token: await t.login('supervisor2') })).body.upcoming)).toEqual([]);

    // A case's lead is named through the case, and a recipient further down the list names the caller as well.
    const led = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const notLed = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: await t.userId('supervisor1') });
    await t.dataSource.transaction(async (m) => {
      await reminders.schedule(m, base('due:case-lead', japanDateTime(addDays(today, 4), 9), { kind: 'case_lead', caseId: led.id }));
      await reminders.schedule(m, base('due:other-lead', japanDateTime(addDays(today, 4), 9), { kind: 'case_lead', caseId: notLed.id }));
      await reminders.schedule(m, {
        ...base('due:second-recipient', japanDateTime(addDays(today, 5), 9), { kind: 'office_role', officeId: nerima, role: 'supervisor' as never }),
        recipients: [{ kind: 'office_role', officeId: nerima, role: 'supervisor' as never }, me],
      });
    });
    const withLead = await t.get('/api/v1/reminders', { token: consultant, query: { rule: 'watch_visit.due' } });
    expect(subjects(withLead.body.upcoming)).toEqual(['due:upcoming', 'due:case-lead', 'due:second-recipient']);
    expect(withLead.body.upcoming.total).toBe(3);

    // Resolving the subject takes it off the list.
    await t.dataSource.transaction((m) => reminders.cancelMany(m, ['due:overdue', 'due:upcoming', 'due:case-lead', 'due:second-recipient']));
    const resolved = await t.get('/api/v1/reminders', { token: consultant, query: { rule: 'watch_visit.due' } });
    expect(subjects(resolved.body.overdue)).toEqual([]);
    expect(subjects(resolved.body.upcoming)).toEqual([]);
  });

  it('lists failed e-mails for admins only', async () => {
    expect((await t.get('/api/v1/admin/mail-failures', { token: consultant })).status).toBe(403);
    const res = await t.get('/api/v1/admin/mail-failures', { token: await t.login('admin') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('labels reminder states in the dictionaries', async () => {
    const res = await t.get('/api/v1/dictionaries/reminderState', { token: consultant });
    expect(res.body).toEqual({ scheduled: '予定', delivered: '通知済み', cancelled: '取消', failed: '通知先なし' });
  });
});
