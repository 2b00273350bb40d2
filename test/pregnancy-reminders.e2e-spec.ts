import { addDays, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { CANDIDATE_ANSWERS, interviewBody, notificationBody } from './factories/pregnancy';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';

/** The pregnancy programme's reminder rules, delivered by the real worker. */
describe('pregnancy reminders', () => {
  let t: TestApp;
  let worker: TestWorker;
  let nurse1: string;
  let supervisor3: string;
  let ids: Record<string, string>;
  let toyotama: string;
  let nerima: string;

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    [nurse1, supervisor3] = await Promise.all(['nurse1', 'supervisor3'].map((l) => t.login(l)));
    ids = Object.fromEntries(await Promise.all(['nurse1', 'supervisor3', 'supervisor1', 'consultant1'].map(async (l) => [l, await t.userId(l)])));
    [toyotama, nerima] = await Promise.all([t.officeId('HC-TOYOTAMA'), t.officeId('CFS-NERIMA')]);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const file = async (daysAgo: number) => {
    const res = await t.post('/api/v1/pregnancy-notifications', { token: nurse1, body: notificationBody({ daysAgo }) });
    expect(res.status).toBe(201);
    return res.body as { id: string; dueDate: string; filedOn: string; mother: { id: string } };
  };
  const reminderRows = (key: string): Promise<Array<{ stage: string; state: string; due_at: Date; urgent: boolean; recipients: unknown; rule: string; office_id: string }>> =>
    t.dataSource.query(`SELECT stage, state, due_at, urgent, recipients, rule, office_id FROM reminders WHERE key = $1 ORDER BY stage`, [key]);
  const stateOf = async (key: string, stage: string) => (await reminderRows(key)).find((r) => r.stage === stage)?.state;
  const inbox = (userId: string, subjectId: string): Promise<Array<{ rule: string; title: string; urgent: boolean }>> =>
    t.dataSource.query(`SELECT rule, title, urgent FROM notifications WHERE user_id = $1 AND subject_id = $2 ORDER BY created_at`, [userId, subjectId]);
  const delivered = (key: string, stage = 'due') => waitFor(() => stateOf(key, stage), (s) => s === 'delivered', { what: `${key} ${stage} delivered` });

  it('schedules "no interview" at 14 days to the consultants and escalates at 28 days to the supervisors', async () => {
    const n = await file(0);
    const rows = await reminderRows(`pregnancy.interview_overdue:${n.id}`);
    expect(rows).toEqual([
      expect.objectContaining({ stage: 'due', state: 'scheduled', rule: 'pregnancy.interview_overdue', office_id: toyotama, urgent: false, due_at: japanDateTime(addDays(n.filedOn, 14), 9), recipients: [{ kind: 'office_role', officeId: toyotama, role: 'consultant' }] }),
      expect.objectContaining({ stage: 'escalation', state: 'scheduled', urgent: true, due_at: japanDateTime(addDays(n.filedOn, 28), 9), recipients: [{ kind: 'office_role', officeId: toyotama, role: 'supervisor' }] }),
    ]);
  });

  it('cancels both stages when the interview is logged', async () => {
    const n = await file(2);
    expect((await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(n.id, n.dueDate) })).status).toBe(201);
    expect((await reminderRows(`pregnancy.interview_overdue:${n.id}`)).map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('reminds the consultants when 14 days have passed, and the interview stops the escalation', async () => {
    const n = await file(15);
    const key = `pregnancy.interview_overdue:${n.id}`;
    await delivered(key);
    expect(await inbox(ids.nurse1, n.id)).toEqual([{ rule: 'pregnancy.interview_overdue', title: '妊娠届から14日、妊婦面談が未実施です', urgent: false }]);
    expect(await inbox(ids.supervisor3, n.id)).toEqual([]);
    expect(await stateOf(key, 'escalation')).toBe('scheduled');
    expect((await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(n.id, n.dueDate) })).status).toBe(201);
    expect(await stateOf(key, 'escalation')).toBe('cancelled');
  });

  it('escalates to the supervisors when 28 days have passed without an interview', async () => {
    const n = await file(29);
    const key = `pregnancy.interview_overdue:${n.id}`;
    await delivered(key, 'escalation');
    expect(await inbox(ids.supervisor3, n.id)).toEqual([expect.objectContaining({ rule: 'pregnancy.interview_overdue', urgent: true, title: expect.stringContaining('係長確認') })]);
    expect((await inbox(ids.nurse1, n.id)).length).toBe(1);
    // Nobody outside the office hears of it.
    expect(await inbox(ids.supervisor1, n.id)).toEqual([]);
  });

  it('moves the reminder when the filing date is corrected', async () => {
    const n = await file(1);
    const detail = (await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: nurse1 })).body;
    const filedOn = addDays(todayInJapan(), -3);
    const res = await t.patch(`/api/v1/pregnancy-notifications/${n.id}`, { token: nurse1, body: { version: detail.version, filedOn } });
    expect(res.status).toBe(200);
    const [due] = await reminderRows(`pregnancy.interview_overdue:${n.id}`);
    expect(due.due_at).toEqual(japanDateTime(addDays(filedOn, 14), 9));
  });

  it('reminds the interviewing consultant of the follow-up, and a later interview or completion cancels it', async () => {
    const n = await file(6);
    const first = (await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(n.id, n.dueDate, { interviewedOn: addDays(todayInJapan(), -5), followUpOn: addDays(todayInJapan(), -1) }) })).body;
    const key = `pregnancy.follow_up_due:${first.id}`;
    expect(await reminderRows(key)).toEqual([expect.objectContaining({ due_at: japanDateTime(addDays(todayInJapan(), -1), 9), recipients: [{ kind: 'user', userId: ids.nurse1 }] })]);
    await delivered(key);
    expect(await inbox(ids.nurse1, first.id)).toEqual([{ rule: 'pregnancy.follow_up_due', title: '妊婦面談のフォロー予定日です', urgent: false }]);

    const second = (await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(n.id, n.dueDate, { followUpOn: addDays(todayInJapan(), 10) }) })).body;
    expect((await t.get(`/api/v1/pregnancy-interviews/${first.id}`, { token: nurse1 })).body.followUpNote).toBe('後続の面談で対応');
    const secondKey = `pregnancy.follow_up_due:${second.id}`;
    expect(await stateOf(secondKey, 'due')).toBe('scheduled');
    await t.post(`/api/v1/pregnancy-interviews/${second.id}/complete-follow-up`, { token: nurse1, body: { version: second.version } });
    expect(await stateOf(secondKey, 'due')).toBe('cancelled');
  });

  it('cancels the follow-up reminder when the date is removed, and moves it when it changes', async () => {
    const n = await file(1);
    const created = (await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(n.id, n.dueDate, { followUpOn: addDays(todayInJapan(), 7) }) })).body;
    const key = `pregnancy.follow_up_due:${created.id}`;
    const moved = await t.patch(`/api/v1/pregnancy-interviews/${created.id}`, { token: nurse1, body: { version: created.version, followUpOn: addDays(todayInJapan(), 9) } });
    expect((await reminderRows(key))[0]).toMatchObject({ state: 'scheduled', due_at: japanDateTime(addDays(todayInJapan(), 9), 9) });
    await t.patch(`/api/v1/pregnancy-interviews/${created.id}`, { token: nurse1, body: { version: moved.body.version, followUpOn: null } });
    expect(await stateOf(key, 'due')).toBe('cancelled');
  });

  it('tells the supervisors at once when a mother becomes unreachable', async () => {
    const n = await file(20);
    for (const result of ['no_answer', 'no_answer', 'absent']) {
      await t.post(`/api/v1/pregnancy-notifications/${n.id}/contact-attempts`, { token: nurse1, body: { attemptedOn: todayInJapan(), method: 'home_visit', result } });
    }
    await delivered(`pregnancy.unreachable:${n.id}`);
    const received = await inbox(ids.supervisor3, n.id);
    expect(received).toContainEqual({ rule: 'pregnancy.unreachable', title: '妊婦と3回連絡がつかず「連絡不通」になりました', urgent: true });
  });

  it('asks the supervisors to decide on a candidate, and tells the chosen centre of the hand-over', async () => {
    const n = await file(3);
    expect((await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(n.id, n.dueDate, CANDIDATE_ANSWERS) })).status).toBe(201);
    await delivered(`pregnancy.specified_candidate:${n.id}`);
    expect(await inbox(ids.supervisor3, n.id)).toContainEqual(expect.objectContaining({ rule: 'pregnancy.specified_candidate' }));
    const version = (await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: supervisor3 })).body.version;
    const confirmed = await t.post(`/api/v1/pregnancy-notifications/${n.id}/confirm-specified`, { token: supervisor3, body: { centreOfficeId: nerima, reason: '望まない妊娠', version } });
    expect(confirmed.status).toBe(200);
    await delivered(`pregnancy.specified_handover:${confirmed.body.caseId}`);
    expect(await inbox(ids.supervisor1, confirmed.body.caseId)).toEqual([{ rule: 'pregnancy.specified_handover', title: '保健相談所から特定妊婦のケースが引き継がれました', urgent: true }]);
    expect(await inbox(ids.consultant1, confirmed.body.caseId)).toEqual([]);
  });

  it('asks the 保健相談所 supervisors to approve a 産後ケア application and resolves it on the decision', async () => {
    const motherId = (await file(0)).mother.id;
    const created = await t.post('/api/v1/postpartum-care-applications', {
      token: nurse1,
      body: { motherId, serviceType: 'home_visit', babyBirthDate: addDays(todayInJapan(), -10), appliedOn: todayInJapan(), requestedSessions: 2 },
    });
    expect(created.status).toBe(201);
    const key = `postpartum_care.approval_pending:${created.body.id}`;
    await delivered(key);
    expect(await inbox(ids.supervisor3, created.body.id)).toEqual([expect.objectContaining({ rule: 'postpartum_care.approval_pending' })]);
    await t.post(`/api/v1/postpartum-care-applications/${created.body.id}/approve`, { token: supervisor3, body: { approvedSessions: 2, version: created.body.version } });
    const [row] = await t.dataSource.query(`SELECT resolved_at FROM reminders WHERE key = $1`, [key]);
    expect(row.resolved_at).not.toBeNull();
  });
});
