import { ReminderReconcilerHandler } from '../src/modules/reminders/reconcile/reminder-reconciler.handler';
import { RemindersService, ScheduleReminder } from '../src/modules/reminders/reminders.service';
import { createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';
import { TestSmtp } from './harness/test-smtp';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';
import { reminderMaker } from './factories/reminders';

const BASE_URL = 'https://hagukumi.example.invalid';

/**
 * The e-mail channel against a real SMTP server started in this test
 * (`smtp-server`): what a reminder mail says (a record reference and a link,
 * nothing personal), the users' opt-out, a mail server that is down and comes
 * back (retries with back-off; the inbox entry is not held up), and the final
 * failure that admins see.
 */
describe('reminder e-mail through a real SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let reminders: RemindersService;
  let nerima: string;
  let consultant1: string;
  let supervisor1: string;

  beforeAll(async () => {
    smtp = await TestSmtp.reserve();
    await smtp.start();
    // Short back-off and enough attempts that "down for a while" ends in a sent mail (200 ms doubling, 10 attempts: ~100 s in all).
    t = await TestApp.start({ config: { smtpUrl: smtp.url, publicBaseUrl: BASE_URL, mailAttempts: 10, mailBackoffMs: 200 } });
    worker = await TestWorker.start(t.config);
    reminders = t.app.get(RemindersService);
    nerima = await t.officeId('CFS-NERIMA');
    consultant1 = await t.userId('consultant1');
    supervisor1 = await t.userId('supervisor1');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  // Closures: the office and user ids are known once beforeAll has run.
  const reminder = reminderMaker('test.mail', { officeId: () => nerima, userId: () => consultant1, dueInMs: 300 });
  const schedule = (r: ScheduleReminder) => t.dataSource.transaction((m) => reminders.schedule(m, r));

  interface InboxRow {
    id: string;
    user_id: string;
    created_at: Date;
    due_at: Date;
  }
  const inboxOf = (key: string): Promise<InboxRow[]> =>
    t.dataSource.query(`SELECT n.id, n.user_id, n.created_at, n.due_at FROM notifications n JOIN reminders r ON r.id = n.reminder_id WHERE r.key = $1 ORDER BY n.user_id`, [key]);
  const entryFor = async (key: string, userId: string): Promise<InboxRow> => {
    const rows = await waitFor(() => inboxOf(key), (rows) => rows.some((n) => n.user_id === userId), { what: `inbox entry of ${key}`, timeoutMs: 20_000 });
    return rows.find((n) => n.user_id === userId) as InboxRow;
  };
  interface MailRow {
    id: string;
    state: string;
    attempts: number;
    last_error: string | null;
    sent_at: Date | null;
    failed_at: Date | null;
  }
  const mailRowOf = async (notificationId: string): Promise<MailRow | undefined> =>
    (await t.dataSource.query(`SELECT id, state, attempts, last_error, sent_at, failed_at FROM mail_deliveries WHERE notification_id = $1`, [notificationId]))[0];
  const mailArrives = (notificationId: string, timeoutMs = 20_000) =>
    waitFor(async () => smtp.mailsFor(notificationId), (mails) => mails.length > 0, { what: `e-mail for ${notificationId}`, timeoutMs });

  it('e-mails a recipient who has e-mail on: the label, the due time, a record reference and a link — nothing personal', async () => {
    const family = await createCaseWithChild(t.dataSource, {
      officeId: nerima,
      leadWorkerId: consultant1,
      label: '山田 世帯',
      child: { nameKanji: '山田 花子', nameKana: 'ヤマダ ハナコ', birthDate: '2020-04-01' },
    });
    const r = reminder({ key: `test.mail.case:${family.id}`, subjectType: 'case', subjectId: family.id, recipients: [{ kind: 'case_lead', caseId: family.id }] });
    await schedule(r);
    const entry = await entryFor(r.key, consultant1);
    const [mail] = await mailArrives(entry.id);

    expect(mail.to).toEqual(['consultant1@example.invalid']);
    expect(mail.subject).toBe('【はぐくみ】確認の期日です');
    const lines = mail.text.split('\n');
    expect(lines).toContain(`対象: case ${family.id}`);
    expect(lines).toContain(`確認: ${BASE_URL}/notifications/${entry.id}`);
    // Every line is one of the fixed lines of the template: no free text beyond the rule's short label.
    const allowed = [
      /^確認の期日です$/,
      /^$/,
      /^期日: \d{4}-\d{2}-\d{2} \d{2}:\d{2}（日本時間）$/,
      new RegExp(`^対象: case ${family.id}$`),
      new RegExp(`^確認: ${BASE_URL.replace(/[.]/g, '\\.')}/notifications/${entry.id}$`),
      /^このメールは送信専用です。詳細はシステムにサインインしてご確認ください。$/,
      /^メール通知は「設定」から停止できます。$/,
    ];
    expect(lines.filter((line) => !allowed.some((pattern) => pattern.test(line)))).toEqual([]);
    // Nothing about the family or the staff: not the child's name or birth date, the case label or number, nor any user's name or address.
    const staff: Array<{ display_name: string; login_id: string }> = await t.dataSource.query(`SELECT display_name, login_id FROM users`);
    const personal = ['山田', '花子', 'ヤマダ', 'ハナコ', '2020-04-01', family.caseNumber, '世帯', ...staff.flatMap((u) => [u.display_name, u.login_id]), '@example.invalid'];
    for (const text of [mail.subject, mail.text]) {
      for (const word of personal) expect({ word, found: text.includes(word) }).toEqual({ word, found: false });
    }

    expect(await mailRowOf(entry.id)).toMatchObject({ state: 'sent', attempts: 1, last_error: null, sent_at: expect.any(Date) });
    // One mail, not two.
    expect(smtp.mailsFor(entry.id)).toHaveLength(1);
  });

  it('sends nothing to a user who turned reminder e-mails off; the inbox entry still arrives', async () => {
    const consultant = await t.login('consultant1');
    const off = await t.patch('/api/v1/me/settings', { token: consultant, body: { emailNotifications: false } });
    expect(off.status).toBe(200);
    expect(off.body.emailNotifications).toBe(false);
    try {
      const r = reminder({ recipients: [{ kind: 'user', userId: consultant1 }, { kind: 'user', userId: supervisor1 }] });
      await schedule(r);
      const theirs = await entryFor(r.key, supervisor1);
      const mine = await entryFor(r.key, consultant1);
      // The other recipient's mail arrives: by then the opted-out user's would have been sent too.
      await mailArrives(theirs.id);
      expect(smtp.mailsFor(mine.id)).toEqual([]);
      expect(await mailRowOf(mine.id)).toBeUndefined();
      expect(smtp.received.filter((m) => m.to.includes('consultant1@example.invalid')).map((m) => m.text)).not.toContainEqual(expect.stringContaining(mine.id));
    } finally {
      expect((await t.patch('/api/v1/me/settings', { token: consultant, body: { emailNotifications: true } })).status).toBe(200);
    }
  });

  it('SMTP down, then up: the inbox entry at once, the e-mail after retries', async () => {
    await smtp.stop();
    const r = reminder();
    await schedule(r);
    const entry = await entryFor(r.key, consultant1);
    // The mail server refuses connections: the mail is retried with back-off while it stays pending.
    const failing = await waitFor(() => mailRowOf(entry.id), (row) => (row?.attempts ?? 0) >= 2, { what: 'two failed attempts', timeoutMs: 20_000 });
    expect(failing).toMatchObject({ state: 'pending', sent_at: null, last_error: expect.stringMatching(/ECONNREFUSED/) });
    // Meanwhile the in-app notification was delivered, at its due time and not after the mail: it is in the inbox API now.
    expect(entry.created_at.getTime() - r.dueAt.getTime()).toBeLessThan(10_000);
    const consultant = await t.login('consultant1');
    const inbox = await t.get('/api/v1/notifications', { token: consultant, query: { unreadOnly: true, limit: 100 } });
    expect(inbox.body.items.map((n: { id: string }) => n.id)).toContain(entry.id);
    expect(smtp.mailsFor(entry.id)).toEqual([]);

    await smtp.start();
    const mails = await mailArrives(entry.id, 30_000);
    expect(mails).toHaveLength(1);
    const sent = (await waitFor(() => mailRowOf(entry.id), (row) => row?.state === 'sent', { what: 'mail marked sent' })) as MailRow;
    expect(sent.attempts).toBeGreaterThanOrEqual(3);
    expect(sent).toMatchObject({ last_error: null, sent_at: expect.any(Date), failed_at: null });
  }, 120_000);

  it('records the final failure after the last attempt, lists it for admins only, and does not send it again', async () => {
    // A worker with few, quick attempts: the mail queue's retry policy comes from the worker's configuration.
    await worker.close();
    worker = await TestWorker.start(t.config, { mailAttempts: 3, mailBackoffMs: 100 });
    await smtp.stop();
    const r = reminder();
    await schedule(r);
    const entry = await entryFor(r.key, consultant1);
    const failed = (await waitFor(() => mailRowOf(entry.id), (row) => row?.state === 'failed', { what: 'mail failed for good', timeoutMs: 30_000 })) as MailRow;
    expect(failed).toMatchObject({ attempts: 3, last_error: expect.stringMatching(/ECONNREFUSED/), failed_at: expect.any(Date), sent_at: null });

    const admin = await t.login('admin');
    const list = await t.get('/api/v1/admin/mail-failures', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: failed.id,
        userId: consultant1,
        loginId: 'consultant1',
        notificationId: entry.id,
        rule: 'test.mail',
        subjectType: 'test_subject',
        subjectId: r.subjectId,
        attempts: 3,
        lastError: expect.stringMatching(/ECONNREFUSED/),
        failedAt: expect.any(String),
      },
    ]);
    for (const loginId of ['consultant1', 'supervisor1', 'auditor']) {
      const res = await t.get('/api/v1/admin/mail-failures', { token: await t.login(loginId) });
      expect({ loginId, status: res.status }).toEqual({ loginId, status: 403 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.get('/api/v1/admin/mail-failures')).status).toBe(401);

    // A failed mail stays failed: the reconciler re-enqueues pending mails only, so it is not sent once the server is back.
    await smtp.start();
    const reconciled = await worker.get(ReminderReconcilerHandler).handle();
    expect(reconciled.mails).toBe(0);
    expect(await mailRowOf(entry.id)).toMatchObject({ state: 'failed', attempts: 3 });
  }, 120_000);
});
