import { createCaseWithChild, createPerson } from './factories/casework';
import { createStaff } from './factories/pregnancy';
import { TestApp } from './harness/test-app';
import { expectTotalCappedAt } from './harness/capped-total';
import { TestWorker } from './harness/test-worker';
import { sleep, waitFor } from './harness/wait';

jest.setTimeout(60_000);

const HOUR = 60 * 60 * 1000;

/**
 * 通告 intake and the 48-hour rule, with the real reminder worker: the clock
 * is scheduled at receipt (24 h → lead worker, 48 h → supervisors, urgent),
 * cancelled by 安全確認 of every child, escalated when missed; met/missed is
 * stored; scope follows the case.
 */
describe('child abuse reports (通告) and the 48-hour rule', () => {
  let t: TestApp;
  let worker: TestWorker;
  let nerima: string;
  let nukui: string;
  let consultant1: string;
  let supervisor1: string;
  let consultant2: string;
  let supervisor2: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    consultant1 = await t.userId('consultant1');
    supervisor1 = await t.userId('supervisor1');
    consultant2 = await t.userId('consultant2');
    supervisor2 = await t.userId('supervisor2');
    for (const login of ['consultant1', 'supervisor1', 'consultant2', 'supervisor2']) token[login] = await t.login(login);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const report = (over: Record<string, unknown>) => ({
    receivedAt: new Date().toISOString(),
    source: 'school',
    sourceDetail: '練馬区立○○小学校 教頭',
    abuseTypes: ['physical'],
    urgency: 'a',
    summary: '本児の顔にあざ。本人は転んだと話すが同様のあざは2回目。',
    ...over,
  });
  const remindersOf = (reportId: string): Promise<Array<{ stage: string; state: string; due_at: Date; urgent: boolean; recipients: unknown[]; office_id: string; rule: string }>> =>
    t.dataSource.query(`SELECT stage, state, due_at, urgent, recipients, office_id, rule FROM reminders WHERE key = $1 ORDER BY stage`, [`child_abuse_report.safety_confirmation:${reportId}`]);
  const notificationsOf = (reportId: string): Promise<Array<{ user_id: string; urgent: boolean; title: string }>> =>
    t.dataSource.query(`SELECT user_id, urgent, title FROM notifications WHERE subject_type = 'child_abuse_report' AND subject_id = $1 ORDER BY urgent, user_id`, [reportId]);

  it('takes a report on a new case: the children become members, the case is 要保護, the clock is scheduled', async () => {
    const child = await createPerson(t.dataSource, { officeId: nerima, nameKana: 'ツウコク タロウ', birthDate: '2018-04-10' });
    const sibling = await createPerson(t.dataSource, { officeId: nerima, nameKana: 'ツウコク ハナ', birthDate: '2020-09-01' });
    const receivedAt = new Date(Date.now() - 10 * 60 * 1000);
    const res = await t.post('/api/v1/child-abuse-reports', {
      token: token.consultant1,
      body: report({ receivedAt: receivedAt.toISOString(), childIds: [child, sibling], newCase: { label: '通告 世帯' } }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'received', rule48Status: 'pending', rule48Result: null, urgency: 'a', sourceLabel: '学校', accessLevel: 'full' });
    expect(new Date(res.body.safetyDueAt).getTime()).toBe(receivedAt.getTime() + 48 * HOUR);
    expect(res.body.children.map((c: { personId: string; seenAt: null }) => [c.personId, c.seenAt])).toEqual([
      [child, null],
      [sibling, null],
    ]);
    const c = await t.get(`/api/v1/cases/${res.body.caseId}`, { token: token.consultant1 });
    expect(c.body).toMatchObject({ label: '通告 世帯', supportLevel: 'protection_required', abuseTypes: ['physical'], leadWorker: { id: consultant1 }, reportsAwaitingSafetyConfirmation: 1 });
    expect(c.body.members.map((m: { personId: string }) => m.personId).sort()).toEqual([child, sibling].sort());

    const rows = await remindersOf(res.body.id);
    expect(rows).toEqual([
      expect.objectContaining({ stage: 'due', state: 'scheduled', urgent: false, office_id: nerima, recipients: [{ kind: 'case_lead', caseId: res.body.caseId }] }),
      expect.objectContaining({ stage: 'escalation', state: 'scheduled', urgent: true, office_id: nerima, recipients: [{ kind: 'office_role', officeId: nerima, role: 'supervisor' }] }),
    ]);
    expect(rows[0].due_at.getTime()).toBe(receivedAt.getTime() + 24 * HOUR);
    expect(rows[1].due_at.getTime()).toBe(receivedAt.getTime() + 48 * HOUR);

    const timeline = await t.get(`/api/v1/cases/${res.body.caseId}/timeline`, { token: token.consultant1 });
    expect(timeline.body.items.map((e: { source: string }) => e.source)).toEqual(expect.arrayContaining(['child_abuse_report', 'case_event']));
    const audit = await t.dataSource.query(`SELECT resource_type, resource_id FROM audit_events WHERE action = 'child_abuse_report.create' AND outcome = 'success' ORDER BY id`);
    expect(audit).toEqual(
      expect.arrayContaining([
        { resource_type: 'child_abuse_report', resource_id: res.body.id },
        { resource_type: 'case', resource_id: res.body.caseId },
        { resource_type: 'person', resource_id: child },
      ]),
    );
  });

  it('安全確認 of every child closes the clock (met) and cancels both reminders; partial confirmation does not', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const sibling = await createPerson(t.dataSource, { officeId: nerima });
    const receivedAt = new Date(Date.now() - 3 * HOUR);
    const created = await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ receivedAt: receivedAt.toISOString(), caseId: c.id, childIds: [c.childId, sibling] }) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // The sibling joined the case as a member.
    const detail = await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 });
    expect(detail.body.members.map((m: { personId: string }) => m.personId)).toContain(sibling);

    const confirm = (body: Record<string, unknown>) => t.post(`/api/v1/child-abuse-reports/${id}/safety-confirmations`, { token: token.consultant1, body });
    expect((await confirm({ confirmedAt: new Date().toISOString(), method: 'home_visit' })).status).toBe(400);
    expect((await confirm({ confirmedAt: new Date(receivedAt.getTime() - HOUR).toISOString(), method: 'home_visit', seenByUserId: consultant1 })).status).toBe(400);
    expect((await confirm({ confirmedAt: new Date().toISOString(), method: 'home_visit', seenByUserId: consultant1, childIds: [supervisor1] })).status).toBe(400);

    const first = await confirm({ confirmedAt: new Date(receivedAt.getTime() + HOUR).toISOString(), method: 'nursery_or_school', seenByName: '○○保育園 園長', childIds: [sibling] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'received', rule48Status: 'pending' });
    expect((await remindersOf(id)).map((r) => r.state)).toEqual(['scheduled', 'scheduled']);
    expect((await confirm({ confirmedAt: new Date().toISOString(), method: 'home_visit', seenByUserId: consultant1, childIds: [sibling] })).status).toBe(422);

    const lastSeen = new Date(receivedAt.getTime() + 2 * HOUR);
    const second = await confirm({ confirmedAt: lastSeen.toISOString(), method: 'home_visit', seenByUserId: consultant1, place: '自宅', notes: '本児と面会、あざは消えかけ' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'safety_confirmed', rule48Result: 'met', rule48Status: 'met' });
    expect(new Date(second.body.safetyConfirmedAt).getTime()).toBe(lastSeen.getTime());
    expect(second.body.safetyConfirmations).toHaveLength(2);
    expect(second.body.safetyConfirmations[1]).toMatchObject({ seenByUserId: consultant1, seenByUserName: '相談 陽菜', methodLabel: '家庭訪問', childIds: [c.childId] });
    expect((await remindersOf(id)).map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
    expect((await confirm({ confirmedAt: new Date().toISOString(), method: 'home_visit', seenByUserId: consultant1 })).status).toBe(409);
    const [stored] = await t.dataSource.query(`SELECT status, rule48_result, safety_confirmed_at FROM child_abuse_reports WHERE id = $1`, [id]);
    expect(stored).toMatchObject({ status: 'safety_confirmed', rule48_result: 'met' });

    // Assessment: supervisors only, after 安全確認.
    expect((await t.post(`/api/v1/child-abuse-reports/${id}/assess`, { token: token.consultant1, body: { assessment: 'suspected_abuse', notes: '継続調査', version: second.body.version } })).status).toBe(403);
    const assessed = await t.post(`/api/v1/child-abuse-reports/${id}/assess`, { token: token.supervisor1, body: { assessment: 'suspected_abuse', notes: '継続調査', version: second.body.version } });
    expect(assessed.status).toBe(200);
    expect(assessed.body).toMatchObject({ status: 'assessed', assessment: 'suspected_abuse', assessedBy: supervisor1 });
    expect((await t.patch(`/api/v1/child-abuse-reports/${id}`, { token: token.consultant1, body: { urgency: 'b', version: assessed.body.version } })).status).toBe(409);
  });

  it('a report on a case closed since is no longer corrected or assessed, while its 安全確認 is still recorded', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const created = await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ caseId: c.id, childIds: [c.childId] }) });
    expect(created.status).toBe(201);
    await t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = 'テスト終結' WHERE id = $1`, [c.id]);
    const id = created.body.id;
    const corrected = await t.patch(`/api/v1/child-abuse-reports/${id}`, { token: token.consultant1, body: { summary: '追記', version: created.body.version } });
    expect(corrected.status).toBe(409);
    // The 48-hour duty's record: the child was seen, whatever became of the case.
    const confirmed = await t.post(`/api/v1/child-abuse-reports/${id}/safety-confirmations`, {
      token: token.consultant1,
      body: { confirmedAt: new Date().toISOString(), method: 'home_visit', seenByUserId: consultant1 },
    });
    expect(confirmed.status).toBe(200);
    const assessed = await t.post(`/api/v1/child-abuse-reports/${id}/assess`, { token: token.supervisor1, body: { assessment: 'suspected_abuse', notes: '継続調査', version: confirmed.body.version } });
    expect(assessed.status).toBe(409);
    const [stored] = await t.dataSource.query(`SELECT summary, status FROM child_abuse_reports WHERE id = $1`, [id]);
    expect(stored).toMatchObject({ summary: created.body.summary, status: 'safety_confirmed' });
  });

  it('a late 安全確認 is stored as missed', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const receivedAt = new Date(Date.now() - 72 * HOUR);
    const created = await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ receivedAt: receivedAt.toISOString(), caseId: c.id, childIds: [c.childId] }) });
    expect(created.body.rule48Status).toBe('overdue');
    const overdue = await t.get('/api/v1/child-abuse-reports', { token: token.supervisor1, query: { rule48: 'overdue' } });
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    const res = await t.post(`/api/v1/child-abuse-reports/${created.body.id}/safety-confirmations`, {
      token: token.consultant1,
      body: { confirmedAt: new Date(receivedAt.getTime() + 49 * HOUR).toISOString(), method: 'home_visit', seenByUserId: consultant1 },
    });
    expect(res.body).toMatchObject({ status: 'safety_confirmed', rule48Result: 'missed', rule48StatusLabel: '48時間超過後に確認' });
  });

  it('the worker reminds the lead worker at 24 hours and, still unconfirmed, alerts the supervisors at 48 hours (urgent)', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    // Received almost 48 hours ago and entered late: the 24-hour reminder is due at once, the escalation in a moment.
    const receivedAt = new Date(Date.now() - 48 * HOUR + 2_000);
    const created = await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ receivedAt: receivedAt.toISOString(), caseId: c.id, childIds: [c.childId] }) });
    const id = created.body.id;
    const sent = await waitFor(() => notificationsOf(id), (rows) => rows.some((r) => r.urgent), { what: 'escalation delivered', timeoutMs: 15_000 });
    expect(sent).toEqual([
      { user_id: consultant1, urgent: false, title: '通告から24時間：安全確認が未了です' },
      { user_id: supervisor1, urgent: true, title: '通告から48時間：安全確認が未了です' },
    ]);
    expect((await remindersOf(id)).map((r) => r.state)).toEqual(['delivered', 'delivered']);
    // Confirming now resolves the delivered reminders in the due lists.
    await t.post(`/api/v1/child-abuse-reports/${id}/safety-confirmations`, { token: token.consultant1, body: { confirmedAt: new Date().toISOString(), method: 'home_visit', seenByUserId: consultant1 } });
    const [due] = await t.dataSource.query(`SELECT resolved_at FROM reminders WHERE key = $1 AND stage = 'due'`, [`child_abuse_report.safety_confirmation:${id}`]);
    expect(due.resolved_at).not.toBeNull();
  });

  it('a confirmation before 48 hours stops the escalation: the supervisors are never alerted', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const receivedAt = new Date(Date.now() - 48 * HOUR + 8_000);
    const created = await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ receivedAt: receivedAt.toISOString(), caseId: c.id, childIds: [c.childId] }) });
    const id = created.body.id;
    await waitFor(() => notificationsOf(id), (rows) => rows.length === 1, { what: '24-hour reminder' });
    const res = await t.post(`/api/v1/child-abuse-reports/${id}/safety-confirmations`, { token: token.consultant1, body: { confirmedAt: new Date().toISOString(), method: 'office_visit', seenByUserId: consultant1 } });
    expect(res.body.rule48Result).toBe('met');
    // Wait past the moment the escalation was due.
    await sleep(Math.max(0, receivedAt.getTime() + 48 * HOUR - Date.now()) + 1_500);
    expect(await notificationsOf(id)).toEqual([{ user_id: consultant1, urgent: false, title: '通告から24時間：安全確認が未了です' }]);
    expect((await remindersOf(id)).map((r) => [r.stage, r.state])).toEqual([
      ['due', 'delivered'],
      ['escalation', 'cancelled'],
    ]);
  });

  it('a case without a lead worker: the 24-hour reminder goes to the supervisors', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: null });
    const created = await t.post('/api/v1/child-abuse-reports', {
      token: token.supervisor1,
      body: report({ receivedAt: new Date(Date.now() - 24 * HOUR).toISOString(), caseId: c.id, childIds: [c.childId] }),
    });
    const sent = await waitFor(() => notificationsOf(created.body.id), (rows) => rows.length > 0, { what: 'fallback reminder' });
    expect(sent).toEqual([{ user_id: supervisor1, urgent: false, title: '通告から24時間：安全確認が未了です' }]);
  });

  it('a lead worker who has moved to another office is passed over: the 24-hour reminder goes to the supervisors', async () => {
    const mover = await createStaff(t.dataSource, 'moved-lead', 'CFS-NERIMA', ['consultant']);
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: mover });
    await t.dataSource.query(`UPDATE users SET office_id = $2 WHERE id = $1`, [mover, nukui]);
    const created = await t.post('/api/v1/child-abuse-reports', {
      token: token.supervisor1,
      body: report({ receivedAt: new Date(Date.now() - 24 * HOUR).toISOString(), caseId: c.id, childIds: [c.childId] }),
    });
    const sent = await waitFor(() => notificationsOf(created.body.id), (rows) => rows.length > 0, { what: 'fallback reminder' });
    expect(sent).toEqual([{ user_id: supervisor1, urgent: false, title: '通告から24時間：安全確認が未了です' }]);
  });

  it('a pending clock follows its case to a new office', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const created = await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ caseId: c.id, childIds: [c.childId] }) });
    const offer = await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: '転居' } });
    await t.post(`/api/v1/case-transfers/${offer.body.id}/accept`, { token: token.supervisor2, body: { leadWorkerId: consultant2 } });
    const rows = await remindersOf(created.body.id);
    expect(rows.map((r) => [r.stage, r.state, r.office_id])).toEqual([
      ['due', 'scheduled', nukui],
      ['escalation', 'scheduled', nukui],
    ]);
    expect(rows[1].recipients).toEqual([{ kind: 'office_role', officeId: nukui, role: 'supervisor' }]);
    // The report moved with the case: the new office writes it, the old one reads it.
    expect((await t.get(`/api/v1/child-abuse-reports/${created.body.id}`, { token: token.consultant2 })).body.accessLevel).toBe('full');
    expect((await t.get(`/api/v1/child-abuse-reports/${created.body.id}`, { token: token.consultant1 })).body.accessLevel).toBe('read_only');
    const denied = await t.post(`/api/v1/child-abuse-reports/${created.body.id}/safety-confirmations`, {
      token: token.consultant1,
      body: { confirmedAt: new Date().toISOString(), method: 'home_visit', seenByUserId: consultant1 },
    });
    expect(denied.status).toBe(403);
    expect(supervisor2).toBeTruthy();
  });

  it("another office's reports are 404 and absent from its lists and counts", async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nukui, leadWorkerId: consultant2 });
    const theirs = await t.post('/api/v1/child-abuse-reports', { token: token.consultant2, body: report({ caseId: c.id, childIds: [c.childId], urgency: 'aa' }) });
    expect(theirs.status).toBe(201);
    expect((await t.get(`/api/v1/child-abuse-reports/${theirs.body.id}`, { token: token.supervisor1 })).status).toBe(404);
    expect((await t.post(`/api/v1/child-abuse-reports/${theirs.body.id}/safety-confirmations`, { token: token.supervisor1, body: { confirmedAt: new Date().toISOString(), method: 'home_visit', seenByName: '確認者' } })).status).toBe(404);
    const list = await t.get('/api/v1/child-abuse-reports', { token: token.supervisor1, query: { urgency: 'aa' } });
    expect(list.body).toMatchObject({ total: 0, items: [] });
    const own = await t.get('/api/v1/child-abuse-reports', { token: token.supervisor2, query: { urgency: 'aa' } });
    expect(own.body.total).toBe(1);
    // Linking a report to another office's case or child is refused without revealing it.
    const mine = await createPerson(t.dataSource, { officeId: nerima });
    expect((await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ caseId: c.id, childIds: [mine] }) })).status).toBe(404);
    expect((await t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report({ newCase: { label: 'x' }, childIds: [c.childId] }) })).status).toBe(400);
  });

  it('counts reports exactly up to 1,000, and says "at least 1,000" beyond', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const addReports = (count: number) =>
      t.dataSource.query(
        `INSERT INTO child_abuse_reports (office_id, case_id, received_at, received_by, source, abuse_types, urgency, summary, safety_due_at)
         SELECT $1, $2, at, $3, 'school', '{physical}', 'c', '記録', at + interval '48 hours'
           FROM generate_series(1, $4) g, LATERAL (SELECT now() - g * interval '1 minute' AS at) r`,
        [nerima, c.id, consultant1, count],
      );
    const list = () => t.get('/api/v1/child-abuse-reports', { token: token.consultant1, query: { caseId: c.id, limit: 5 } });
    await expectTotalCappedAt(1000, list, { fill: () => addReports(1000), oneMore: () => addReports(1), pageSize: 5 });
    expect((await t.get('/api/v1/child-abuse-reports', { token: token.consultant2, query: { caseId: c.id } })).body).toMatchObject({ total: 0, items: [] });
  });

  it('validates the intake: exactly one of caseId/newCase, at least one child and abuse type, no future receipt', async () => {
    const child = await createPerson(t.dataSource, { officeId: nerima });
    const post = (body: Record<string, unknown>) => t.post('/api/v1/child-abuse-reports', { token: token.consultant1, body: report(body) });
    expect((await post({ childIds: [child] })).status).toBe(400);
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    expect((await post({ childIds: [child], caseId: c.id, newCase: { label: 'x' } })).status).toBe(400);
    expect((await post({ childIds: [], caseId: c.id })).status).toBe(400);
    expect((await post({ childIds: [child], caseId: c.id, abuseTypes: [] })).status).toBe(400);
    expect((await post({ childIds: [child], caseId: c.id, urgency: 'AAA' })).status).toBe(400);
    expect((await post({ childIds: [child], caseId: c.id, receivedAt: new Date(Date.now() + 2 * HOUR).toISOString() })).status).toBe(400);
    // Without its offset, 15:40 would be read in the server's zone and start the 48-hour clock nine hours late.
    const unanchored = await post({ childIds: [child], caseId: c.id, receivedAt: '2026-05-12T15:40:00' });
    expect(unanchored.status).toBe(400);
    expect(unanchored.body.errors).toEqual([expect.objectContaining({ field: 'receivedAt', code: 'isInstant' })]);
    const closed = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, status: 'closed' });
    expect((await post({ childIds: [closed.childId], caseId: closed.id })).status).toBe(409);
  });
});
