import { createCaseWithChild, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';
import { addMonths, japanDateTime, todayInJapan } from '../src/common/time/japan-time';

jest.setTimeout(60_000);

/**
 * 進行管理 (progress reviews) and the case notices, with the real worker:
 * a case is due for review at the interval of its support level (a
 * configuration row); recording a review reschedules the reminder; closing
 * cancels it; break-glass and transfer offers notify supervisors at once.
 */
describe('progress reviews and case reminders', () => {
  let t: TestApp;
  let worker: TestWorker;
  let nerima: string;
  let nukui: string;
  let consultant1: string;
  let supervisor1: string;
  let supervisor2: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    consultant1 = await t.userId('consultant1');
    supervisor1 = await t.userId('supervisor1');
    supervisor2 = await t.userId('supervisor2');
    for (const login of ['consultant1', 'supervisor1', 'supervisor2', 'admin']) token[login] = await t.login(login);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const reviewReminder = async (caseId: string) =>
    (await t.dataSource.query(`SELECT state, version, due_at, recipients, office_id FROM reminders WHERE key = $1 AND stage = 'due'`, [`case.progress_review_due:${caseId}`]))[0];

  it('a new case is due for review after its level’s interval; the interval is configuration an admin changes', async () => {
    const intervals = await t.get('/api/v1/progress-review-intervals', { token: token.consultant1 });
    expect(intervals.body).toEqual(expect.arrayContaining([expect.objectContaining({ supportLevel: 'protection_required', intervalMonths: 3, supportLevelLabel: '要保護児童' })]));
    const row = intervals.body.find((i: { supportLevel: string }) => i.supportLevel === 'protection_required');
    expect((await t.patch('/api/v1/progress-review-intervals/protection_required', { token: token.supervisor1, body: { intervalMonths: 1, version: row.version } })).status).toBe(403);
    expect((await t.patch('/api/v1/progress-review-intervals/protection_required', { token: token.admin, body: { intervalMonths: 0, version: row.version } })).status).toBe(400);
    expect((await t.patch('/api/v1/progress-review-intervals/unknown_level', { token: token.admin, body: { intervalMonths: 2, version: 1 } })).status).toBe(400);
    const changed = await t.patch('/api/v1/progress-review-intervals/protection_required', { token: token.admin, body: { intervalMonths: 1, version: row.version } });
    expect(changed.body).toMatchObject({ intervalMonths: 1, version: row.version + 1 });
    expect((await t.patch('/api/v1/progress-review-intervals/protection_required', { token: token.admin, body: { intervalMonths: 2, version: row.version } })).status).toBe(409);

    const child = await createPerson(t.dataSource, { officeId: nerima });
    const openedOn = todayInJapan();
    const general = await t.post('/api/v1/cases', { token: token.consultant1, body: { label: '一般 世帯', supportLevel: 'general', openedOn, members: [{ personId: child, relationship: 'child' }] } });
    expect(general.body.nextReviewOn).toBe(addMonths(openedOn, 3));
    const protection = await t.post('/api/v1/cases', { token: token.consultant1, body: { label: '要保護 世帯', supportLevel: 'protection_required', openedOn } });
    expect(protection.body.nextReviewOn).toBe(addMonths(openedOn, 1));
    const reminder = await reviewReminder(protection.body.id);
    expect(reminder).toMatchObject({ state: 'scheduled', office_id: nerima, recipients: [{ kind: 'case_lead', caseId: protection.body.id }] });
    expect(reminder.due_at.getTime()).toBe(japanDateTime(addMonths(openedOn, 1), 9).getTime());

    // Made 要保護, a general case's next review comes forward to the shorter interval.
    const raised = await t.patch(`/api/v1/cases/${general.body.id}`, { token: token.consultant1, body: { supportLevel: 'protection_required', version: general.body.version } });
    expect(raised.body.nextReviewOn).toBe(addMonths(openedOn, 1));
    expect((await reviewReminder(general.body.id)).due_at.getTime()).toBe(japanDateTime(addMonths(openedOn, 1), 9).getTime());
  });

  it('recording a review reschedules the case and its reminder; closing cancels it; reopening starts again', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const today = todayInJapan();
    const body = { reviewedOn: today, attendees: ['係長 早苗', '相談 陽菜', '○○小学校 教頭'], assessment: '登校は安定。', decision: 'continue' };
    expect((await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body: { ...body, nextReviewOn: today } })).status).toBe(400);
    expect((await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body: { ...body, decision: 'maybe' } })).status).toBe(400);
    const first = await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ decisionLabel: '支援継続', nextReviewOn: addMonths(today, 3), recordedByName: '相談 陽菜', attendees: body.attendees });
    const afterFirst = await reviewReminder(c.id);
    expect(afterFirst).toMatchObject({ state: 'scheduled' });
    expect(afterFirst.due_at.getTime()).toBe(japanDateTime(addMonths(today, 3), 9).getTime());

    const nextReviewOn = addMonths(today, 1);
    const second = await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body: { ...body, assessment: '母の体調悪化。', decision: 'other', decisionNotes: '1か月後に再評価', nextReviewOn } });
    expect(second.body.nextReviewOn).toBe(nextReviewOn);
    const afterSecond = await reviewReminder(c.id);
    expect(afterSecond.due_at.getTime()).toBe(japanDateTime(nextReviewOn, 9).getTime());
    expect(afterSecond.version).toBe(afterFirst.version + 1);
    // An older review entered afterwards does not move the date set by the latest one.
    await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body: { ...body, reviewedOn: '2026-01-10', nextReviewOn: '2026-04-10' } });
    const detail = await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 });
    expect(detail.body.nextReviewOn).toBe(nextReviewOn);
    const list = await t.get(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, query: { limit: 2 } });
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((r: { reviewedOn: string }) => r.reviewedOn)).toEqual([today, today]);
    const rest = await t.get(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, query: { limit: 2, cursor: list.body.nextCursor } });
    expect(rest.body.items.map((r: { reviewedOn: string }) => r.reviewedOn)).toEqual(['2026-01-10']);
    // The due list of 進行管理: cases due by a date, soonest first.
    const due = await t.get('/api/v1/cases', { token: token.supervisor1, query: { reviewDueBy: nextReviewOn, sort: 'next_review_asc' } });
    expect(due.body.items.map((x: { id: string }) => x.id)).toContain(c.id);

    const closed = await t.post(`/api/v1/cases/${c.id}/close`, { token: token.supervisor1, body: { reason: '支援終了', version: detail.body.version } });
    expect(closed.status).toBe(200);
    expect((await reviewReminder(c.id)).state).toBe('cancelled');
    expect((await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body })).status).toBe(409);
    const reopened = await t.post(`/api/v1/cases/${c.id}/reopen`, { token: token.supervisor1, body: { reason: '再通告', version: closed.body.version } });
    expect(reopened.body.nextReviewOn).toBe(addMonths(today, 3));
    expect((await reviewReminder(c.id)).state).toBe('scheduled');
  });

  it('the worker delivers a due review reminder to the lead worker', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, openedOn: '2026-01-05' });
    // A review held long ago whose next date has passed: the reminder is due at once.
    await t.post(`/api/v1/cases/${c.id}/progress-reviews`, { token: token.consultant1, body: { reviewedOn: '2026-01-10', attendees: [], assessment: '初回', decision: 'continue', nextReviewOn: '2026-04-10' } });
    const sent = await waitFor(
      () => t.dataSource.query(`SELECT user_id, title FROM notifications WHERE rule = 'case.progress_review_due' AND subject_id = $1 ORDER BY user_id`, [c.id]),
      (rows: unknown[]) => rows.length >= 2,
      { what: 'review reminder and its escalation' },
    );
    expect(sent).toEqual(
      expect.arrayContaining([
        { user_id: consultant1, title: '進行管理の実施日です' },
        { user_id: supervisor1, title: '進行管理が実施されていません' },
      ]),
    );
  });

  it('break-glass and transfer offers notify the supervisors at once', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: supervisor1, restricted: true });
    const grant = await t.post(`/api/v1/cases/${c.id}/break-glass`, { token: token.consultant1, body: { reason: '緊急の問合せ対応のため閲覧' } });
    expect(grant.status).toBe(200);
    const notices = await waitFor(
      () => t.dataSource.query(`SELECT user_id, title FROM notifications WHERE rule = 'case.break_glass' AND subject_id = $1`, [c.id]),
      (rows: unknown[]) => rows.length > 0,
      { what: 'break-glass notice' },
    );
    expect(notices).toEqual([{ user_id: supervisor1, title: '制限ケースが理由付きで閲覧されました' }]);

    const open = (await t.post('/api/v1/cases', { token: token.consultant1, body: { label: '移管 世帯', supportLevel: 'support_required' } })).body;
    expect((await reviewReminder(open.id)).office_id).toBe(nerima);
    const offer = await t.post(`/api/v1/cases/${open.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: '転居' } });
    const offered = await waitFor(
      () => t.dataSource.query(`SELECT user_id FROM notifications WHERE rule = 'case.transfer_requested' AND subject_id = $1`, [offer.body.id]),
      (rows: unknown[]) => rows.length > 0,
      { what: 'transfer notice' },
    );
    expect(offered).toEqual([{ user_id: supervisor2 }]);
    // The review reminder follows the case when it is accepted.
    await t.post(`/api/v1/case-transfers/${offer.body.id}/accept`, { token: token.supervisor2, body: {} });
    expect((await reviewReminder(open.id)).office_id).toBe(nukui);
  });
});
