import { addMonths, todayInJapan } from '../src/common/time/japan-time';
import { createCase, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';

/**
 * Inbound 事案送致 and 指導措置委託: recorded by the liaison, assigned by the
 * receiving office's supervisor (linking or opening a case), worked and
 * ended; the progress-report cycle of a 指導措置委託 with its reminders.
 */
describe('centre requests (事案送致・指導措置委託)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let nerima: string;
  let nukui: string;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  let seq = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    await t.dataSource.query(
      `INSERT INTO users (login_id, display_name, office_id, roles, password_hash)
       VALUES ('consultant2b', '相談 四郎', $1, '{consultant}', (SELECT password_hash FROM users WHERE login_id = 'consultant1'))`,
      [nukui],
    );
    for (const login of ['liaison', 'supervisor1', 'consultant1', 'supervisor2', 'consultant2', 'consultant2b', 'nurse1']) {
      token[login] = await t.login(login);
      id[login] = await t.userId(login);
    }
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const today = todayInJapan();

  function transfer(overrides: Record<string, unknown> = {}) {
    seq += 1;
    return {
      kind: 'case_transfer',
      centreCaseNumber: `児セ8-${1000 + seq}`,
      centreContact: '児童福祉司 佐藤',
      receivedOn: today,
      reason: '面前DVによる心理的虐待。在宅での見守りと支援を区に依頼する。',
      conditions: '月1回の家庭訪問',
      officeId: nukui,
      children: [{ nameKanji: '貫井 さくら', nameKana: 'ぬくい さくら', birthDate: '2021-09-14', sex: 'female' }],
      ...overrides,
    };
  }

  function guidance(overrides: Record<string, unknown> = {}) {
    return transfer({ kind: 'entrusted_guidance', reportingIntervalMonths: 3, measureStartOn: today, ...overrides });
  }

  async function record(body = transfer()): Promise<string> {
    const res = await t.post('/api/v1/centre-requests', { token: token.liaison, body });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const newCase = { label: '貫井 世帯', supportLevel: 'support_required', abuseTypes: ['psychological'] };
  const assign = (requestId: string, body: Record<string, unknown> = { leadWorkerId: id.consultant2, newCase }, as = 'supervisor2') =>
    t.post(`/api/v1/centre-requests/${requestId}/assign`, { token: token[as], body });
  const step = (requestId: string, action: string, body: Record<string, unknown> = {}, as = 'supervisor2') => t.post(`/api/v1/centre-requests/${requestId}/${action}`, { token: token[as], body });

  describe('recording', () => {
    it('the liaison records a 事案送致 for an office; only that office\'s supervisors and the liaison see it', async () => {
      const res = await t.post('/api/v1/centre-requests', { token: token.liaison, body: transfer() });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'case_transfer',
        kindLabel: '事案送致',
        legalBasisLabel: '児童福祉法第26条第1項第3号',
        state: 'received',
        stateLabel: '受付',
        centreName: '東京都児童相談センター',
        officeId: nukui,
        recordedBy: id.liaison,
        reportingIntervalMonths: null,
        allowedActions: ['edit'],
      });
      expect(res.body.children).toEqual([expect.objectContaining({ nameKanji: '貫井 さくら', birthDate: '2021-09-14', sex: 'female', personId: null })]);
      const requestId = res.body.id;
      expect((await t.get(`/api/v1/centre-requests/${requestId}`, { token: token.supervisor2 })).body.allowedActions).toEqual(['assign']);
      for (const who of ['supervisor1', 'consultant1', 'consultant2', 'nurse1']) {
        expect({ who, status: (await t.get(`/api/v1/centre-requests/${requestId}`, { token: token[who] })).status }).toEqual({ who, status: 404 });
        const list = await t.get('/api/v1/centre-requests', { token: token[who], query: { limit: 200 } });
        expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(requestId);
      }
      const liaisonList = await t.get('/api/v1/centre-requests', { token: token.liaison, query: { limit: 200, kind: 'case_transfer' } });
      expect(liaisonList.body.items.map((i: { id: string }) => i.id)).toContain(requestId);
    });

    it('refuses a 指導措置委託 without a reporting interval, an interval on a 事案送致, and other roles', async () => {
      const noInterval = await t.post('/api/v1/centre-requests', { token: token.liaison, body: guidance({ reportingIntervalMonths: undefined }) });
      expect(noInterval.status).toBe(400);
      expect(noInterval.body.errors).toEqual([expect.objectContaining({ field: 'reportingIntervalMonths', code: 'required_for_entrusted_guidance' })]);
      const interval = await t.post('/api/v1/centre-requests', { token: token.liaison, body: transfer({ reportingIntervalMonths: 3 }) });
      expect(interval.status).toBe(400);
      expect((await t.post('/api/v1/centre-requests', { token: token.supervisor2, body: transfer() })).status).toBe(403);
      expect((await t.post('/api/v1/centre-requests', { token: token.liaison, body: transfer({ children: [] }) })).status).toBe(400);
      expect((await t.post('/api/v1/centre-requests', { token: token.liaison, body: transfer({ officeId: '00000000-0000-4000-8000-000000000000' }) })).status).toBe(400);
      const body = transfer();
      expect((await t.post('/api/v1/centre-requests', { token: token.liaison, body })).status).toBe(201);
      const duplicate = await t.post('/api/v1/centre-requests', { token: token.liaison, body });
      expect(duplicate.status).toBe(409);
    });

    it('a correction keeps what it does not mention', async () => {
      const requestId = await record(guidance());
      const res = await t.patch(`/api/v1/centre-requests/${requestId}`, { token: token.liaison, body: { conditions: '2か月ごとに報告', version: 1 } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ conditions: '2か月ごとに報告', reportingIntervalMonths: 3, measureStartOn: today, centreContact: '児童福祉司 佐藤' });
      expect(res.body.children).toHaveLength(1);
    });

    it('the liaison corrects the record; the office and children only before assignment', async () => {
      const requestId = await record();
      const moved = await t.patch(`/api/v1/centre-requests/${requestId}`, { token: token.liaison, body: { officeId: nerima, conditions: '週1回の登園確認', version: 1 } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ officeId: nerima, conditions: '週1回の登園確認', version: 2 });
      expect((await t.get(`/api/v1/centre-requests/${requestId}`, { token: token.supervisor2 })).status).toBe(404);
      expect((await t.get(`/api/v1/centre-requests/${requestId}`, { token: token.supervisor1 })).status).toBe(200);
      expect((await t.patch(`/api/v1/centre-requests/${requestId}`, { token: token.supervisor1, body: { conditions: 'x', version: 2 } })).status).toBe(403);
      expect((await t.patch(`/api/v1/centre-requests/${requestId}`, { token: token.liaison, body: { conditions: 'x', version: 1 } })).status).toBe(409);
      expect((await assign(requestId, { leadWorkerId: id.consultant1, newCase }, 'supervisor1')).status).toBe(200);
      const late = await t.patch(`/api/v1/centre-requests/${requestId}`, { token: token.liaison, body: { officeId: nukui, version: 3 } });
      expect(late.status).toBe(409);
      const contact = await t.patch(`/api/v1/centre-requests/${requestId}`, { token: token.liaison, body: { centreContact: '児童福祉司 鈴木', version: 3 } });
      expect(contact.status).toBe(200);
    });
  });

  describe('assignment', () => {
    it('opens a case for the family with the lead worker, the children as members, in one step', async () => {
      const requestId = await record();
      expect((await assign(requestId, { leadWorkerId: id.consultant2, newCase }, 'liaison')).status).toBe(403);
      expect((await assign(requestId, { leadWorkerId: id.consultant2, newCase }, 'supervisor1')).status).toBe(404);
      expect((await assign(requestId, { leadWorkerId: id.consultant1, newCase })).status).toBe(400);
      expect((await assign(requestId, { leadWorkerId: id.consultant2 })).status).toBe(400);

      const res = await assign(requestId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'assigned', leadWorkerId: id.consultant2, leadWorkerName: '相談 美咲', nextReportDueOn: null });
      expect(res.body.caseNumber).toMatch(/^R\d+-\d{4}$/);
      const [kase] = await t.dataSource.query(`SELECT office_id, lead_worker_id, label, support_level, abuse_types FROM cases WHERE id = $1`, [res.body.caseId]);
      expect(kase).toMatchObject({ office_id: nukui, lead_worker_id: id.consultant2, label: '貫井 世帯', support_level: 'support_required' });
      const members = await t.dataSource.query(
        `SELECT p.name_kanji, p.birth_date, m.relationship FROM case_members m JOIN persons p ON p.id = m.person_id WHERE m.case_id = $1`,
        [res.body.caseId],
      );
      expect(members).toEqual([{ name_kanji: '貫井 さくら', birth_date: '2021-09-14', relationship: 'child' }]);
      expect(res.body.children[0].personId).toEqual(expect.any(String));
      // Opened through the case registry: its history and its 進行管理 schedule start with it.
      const events = await t.dataSource.query(`SELECT kind, actor_id FROM case_events WHERE case_id = $1`, [res.body.caseId]);
      expect(events).toEqual([{ kind: 'opened', actor_id: id.supervisor2 }]);
      const [schedule] = await t.dataSource.query(`SELECT next_review_on FROM cases WHERE id = $1`, [res.body.caseId]);
      expect(schedule.next_review_on).toEqual(expect.any(String));
      // The lead worker now sees the request and the case; the audit names the case too.
      expect((await t.get(`/api/v1/centre-requests/${requestId}`, { token: token.consultant2 })).body.allowedActions).toEqual(['start']);
      const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE resource_type = 'case' AND resource_id = $1`, [res.body.caseId]);
      expect(audit.map((a: { action: string }) => a.action)).toContain('case.open_for_centre_request');
    });

    it('links an existing case of the office: the known child is matched, the worker joins the case', async () => {
      const child = await createPerson(t.dataSource, { officeId: nukui, nameKanji: '貫井 さくら', nameKana: 'ヌクイ サクラ', birthDate: '2021-09-14' });
      const kase = await createCase(t.dataSource, { officeId: nukui, leadWorkerId: id.consultant2b, members: [{ personId: child, relationship: 'child' }] });
      const requestId = await record(
        transfer({ children: [{ nameKanji: '貫井 さくら', nameKana: 'ぬくい　さくら', birthDate: '2021-09-14' }, { nameKanji: '貫井 陽太', nameKana: 'ヌクイ ヨウタ', birthDate: '2024-02-01' }] }),
      );
      const res = await assign(requestId, { leadWorkerId: id.consultant2, caseId: kase.id });
      expect(res.status).toBe(200);
      expect(res.body.caseId).toBe(kase.id);
      expect(res.body.children[0].personId).toBe(child);
      const members: Array<{ person_id: string }> = await t.dataSource.query(`SELECT person_id FROM case_members WHERE case_id = $1`, [kase.id]);
      expect(members).toHaveLength(2);
      const coWorkers = await t.dataSource.query(`SELECT user_id FROM case_co_workers WHERE case_id = $1`, [kase.id]);
      expect(coWorkers).toEqual([{ user_id: id.consultant2 }]);
      const events = await t.dataSource.query(`SELECT kind FROM case_events WHERE case_id = $1 ORDER BY kind::text`, [kase.id]);
      expect(events.map((e: { kind: string }) => e.kind)).toEqual(['assigned', 'member_added']);

      const otherOffice = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: id.consultant1 });
      const second = await record();
      expect((await assign(second, { leadWorkerId: id.consultant2, caseId: otherOffice.id })).status).toBe(404);
      const both = await assign(second, { leadWorkerId: id.consultant2, caseId: kase.id, newCase });
      expect(both.status).toBe(400);
    });
  });

  describe('life cycle', () => {
    it('事案送致: received → assigned → in_progress → closed, every illegal step 409, history kept', async () => {
      const requestId = await record();
      const early = await step(requestId, 'start');
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'invalid-state-transition', state: 'received', allowed: ['assign'] });
      expect((await step(requestId, 'close', { reason: 'x' })).body.allowed).toEqual(['assign']);
      expect((await assign(requestId)).status).toBe(200);
      expect((await assign(requestId)).body).toMatchObject({ status: 409, allowed: ['start'] });
      expect((await step(requestId, 'close', { reason: 'x' })).body.allowed).toEqual(['start']);
      // A colleague sees the request through the office's open case, but only the lead worker or a supervisor starts it.
      expect((await step(requestId, 'start', {}, 'consultant2b')).status).toBe(403);
      expect((await step(requestId, 'start', {}, 'consultant2')).body.state).toBe('in_progress');
      const lift = await step(requestId, 'lift', { centreNoticeOn: today }, 'liaison');
      expect(lift.status).toBe(409);
      expect(lift.body.allowed).toEqual(['close']);
      const closed = await step(requestId, 'close', { reason: '支援終結（転出）' }, 'liaison');
      expect(closed.body).toMatchObject({ state: 'closed', endReason: '支援終結（転出）', allowedActions: [] });
      const validBodies: Record<string, Record<string, unknown>> = { assign: { leadWorkerId: id.consultant2, newCase }, start: {}, close: { reason: 'x' } };
      for (const [action, body] of Object.entries(validBodies)) expect({ action, status: (await step(requestId, action, body)).status }).toEqual({ action, status: 409 });
      const caseId = (await t.get(`/api/v1/centre-requests/${requestId}`, { token: token.supervisor2 })).body.caseId;
      const timeline = await t.get(`/api/v1/cases/${caseId}/timeline`, { token: token.supervisor2, query: { sources: 'centre_request' } });
      expect(timeline.body.items.map((e: { title: string }) => e.title)).toEqual(['事案送致 終結', '事案送致 対応開始', '事案送致 担当決定', '事案送致 受付']);
      expect(timeline.body.items.every((e: { summary: string | null }) => e.summary === null)).toBe(true);
      const history = await t.get(`/api/v1/centre-requests/${requestId}/history`, { token: token.liaison });
      expect(history.body.items.map((e: { action: string; actorId: string }) => [e.action, e.actorId])).toEqual([
        ['record', id.liaison],
        ['assign', id.supervisor2],
        ['start', id.consultant2],
        ['close', id.liaison],
      ]);
    });

    it('指導措置委託: the progress-report cycle, reviewed before it is sent, and 措置解除', async () => {
      // The measure started four months ago: the first report (3 months) is already due.
      const measureStartOn = addMonths(today, -4);
      const requestId = await record(guidance({ measureStartOn, receivedOn: measureStartOn }));
      const assigned = await assign(requestId);
      expect(assigned.body.nextReportDueOn).toBe(addMonths(measureStartOn, 3));
      // The lead worker is reminded of the due report, and, a week past due, the supervisors (both at once here).
      const due = await waitFor(
        () => t.dataSource.query(`SELECT user_id, title FROM notifications WHERE rule = 'centre_requests.progress_report_due' AND subject_id = $1 ORDER BY title`, [requestId]),
        (rows: unknown[]) => rows.length >= 2,
        { what: 'progress report reminder and its escalation' },
      );
      expect(due).toEqual([
        { user_id: id.supervisor2, title: '指導措置委託の経過報告が提出期限を過ぎています' },
        { user_id: id.consultant2, title: '指導措置委託の経過報告の提出期限です' },
      ]);
      const [escalation] = await t.dataSource.query(`SELECT recipients FROM reminders WHERE key = $1 AND stage = 'escalation'`, [`centre_requests.progress_report_due:${requestId}`]);
      expect(escalation.recipients).toEqual([{ kind: 'office_role', officeId: nukui, role: 'supervisor' }]);

      const reports = `/api/v1/centre-requests/${requestId}/progress-reports`;
      expect((await t.post(reports, { token: token.consultant2, body: {} })).status).toBe(409);
      await step(requestId, 'start', {}, 'consultant2');
      expect((await t.post(reports, { token: token.supervisor2, body: {} })).status).toBe(403);
      const created = await t.post(reports, { token: token.consultant2, body: { childStatus: '登園は安定している。' } });
      expect(created.status).toBe(201);
      const report = created.body;
      expect(report).toMatchObject({ sequence: 1, state: 'draft', dueOn: addMonths(measureStartOn, 3), periodFrom: measureStartOn, periodTo: today, allowedActions: ['edit', 'submit'] });
      const url = `${reports}/${report.id}`;
      expect((await t.post(reports, { token: token.consultant2, body: {} })).status).toBe(409);

      const incomplete = await t.post(`${url}/submit`, { token: token.consultant2, body: {} });
      expect(incomplete.status).toBe(422);
      expect(incomplete.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['plan', 'supportProvided']);
      const edited = await t.patch(url, { token: token.consultant2, body: { supportProvided: '月1回の家庭訪問と保育園での面談。', plan: '訪問を継続する。', version: report.version } });
      expect(edited.status).toBe(200);
      expect((await t.patch(url, { token: token.consultant2b, body: { plan: 'x', version: edited.body.version } })).status).toBe(403);
      const submitted = await t.post(`${url}/submit`, { token: token.consultant2, body: {} });
      expect(submitted.body.state).toBe('submitted');
      // Filing moves the cycle on, and the reminder with it.
      const afterFiling = await t.get(`/api/v1/centre-requests/${requestId}`, { token: token.consultant2 });
      expect(afterFiling.body.nextReportDueOn).toBe(addMonths(measureStartOn, 6));
      const [moved] = await t.dataSource.query(`SELECT state, due_at FROM reminders WHERE key = $1 AND stage = 'due'`, [`centre_requests.progress_report_due:${requestId}`]);
      expect(moved.state).toBe('scheduled');

      // The liaison does not see a report under review.
      expect((await t.get(url, { token: token.liaison })).status).toBe(404);
      expect((await t.get(reports, { token: token.liaison })).body.items).toEqual([]);
      const queue = await t.get('/api/v1/centre-requests/progress-reports', { token: token.supervisor2, query: { state: 'submitted' } });
      expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(report.id);
      expect((await t.post(`${url}/approve`, { token: token.consultant2, body: {} })).status).toBe(403);
      expect((await t.post(`${url}/approve`, { token: token.supervisor1, body: {} })).status).toBe(404);
      expect((await t.post(`${url}/mark-sent`, { token: token.liaison, body: { sentOn: today } })).status).toBe(404);

      const returned = await t.post(`${url}/return`, { token: token.supervisor2, body: { comment: '家庭の状況を追記してください。' } });
      expect(returned.body).toMatchObject({ state: 'returned', reviewComment: '家庭の状況を追記してください。', allowedActions: [] });
      const fixed = await t.patch(url, { token: token.consultant2, body: { familyStatus: '父母の口論は減っている。', version: returned.body.version } });
      expect(fixed.status).toBe(200);
      expect((await t.post(`${url}/submit`, { token: token.consultant2, body: {} })).body.state).toBe('submitted');
      // A resubmission does not move the cycle a second time.
      expect((await t.get(`/api/v1/centre-requests/${requestId}`, { token: token.consultant2 })).body.nextReportDueOn).toBe(addMonths(measureStartOn, 6));
      const approved = await t.post(`${url}/approve`, { token: token.supervisor2, body: { comment: '確認しました。' } });
      expect(approved.body).toMatchObject({ state: 'approved', reviewedBy: id.supervisor2, reviewerName: '所長 健司' });
      expect((await t.patch(url, { token: token.consultant2, body: { plan: 'x', version: approved.body.version } })).status).toBe(409);

      const forLiaison = await t.get('/api/v1/centre-requests/progress-reports', { token: token.liaison, query: { state: 'approved' } });
      expect(forLiaison.body.items.map((r: { id: string }) => r.id)).toContain(report.id);
      expect((await t.get(url, { token: token.liaison })).body.allowedActions).toEqual(['mark_sent']);
      const sent = await t.post(`${url}/mark-sent`, { token: token.liaison, body: { sentOn: today } });
      expect(sent.body).toMatchObject({ state: 'sent', sentOn: today, allowedActions: [] });
      expect((await t.post(`${url}/mark-sent`, { token: token.liaison, body: { sentOn: today } })).status).toBe(409);

      const history = await t.get(`/api/v1/centre-requests/${requestId}/history`, { token: token.supervisor2 });
      expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
        'record', 'assign', 'start', 'report_create', 'report_submit', 'report_return', 'report_submit', 'report_approve', 'report_mark_sent',
      ]);

      // The centre lifts the measure: no more reports are due.
      expect((await step(requestId, 'lift', { centreNoticeOn: addMonths(today, 1) }, 'liaison')).status).toBe(422);
      const lifted = await step(requestId, 'lift', { centreNoticeOn: today }, 'liaison');
      expect(lifted.body).toMatchObject({ state: 'lifted', stateLabel: '措置解除', liftedNoticeOn: today, nextReportDueOn: null });
      const reminders = await t.dataSource.query(`SELECT stage, state FROM reminders WHERE key = $1 ORDER BY stage`, [`centre_requests.progress_report_due:${requestId}`]);
      expect(reminders.every((r: { state: string }) => r.state === 'cancelled' || r.state === 'delivered')).toBe(true);
      expect(reminders.some((r: { state: string }) => r.state === 'cancelled')).toBe(true);
    });

    it('a supervisor cannot review a progress report they wrote', async () => {
      const requestId = await record(guidance());
      await assign(requestId, { leadWorkerId: id.supervisor2, newCase });
      await step(requestId, 'start');
      const report = await t.post(`/api/v1/centre-requests/${requestId}/progress-reports`, {
        token: token.supervisor2,
        body: { childStatus: '安定', supportProvided: '訪問', plan: '継続' },
      });
      const url = `/api/v1/centre-requests/${requestId}/progress-reports/${report.body.id}`;
      await t.post(`${url}/submit`, { token: token.supervisor2, body: {} });
      expect((await t.post(`${url}/approve`, { token: token.supervisor2, body: {} })).status).toBe(403);
    });
  });

  describe('measures', () => {
    it('counts inbound requests by kind: received in the year, open now, lifted', async () => {
      const fiscalYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
      const liftedId = await record(guidance());
      await assign(liftedId);
      await step(liftedId, 'start');
      expect((await step(liftedId, 'lift', { centreNoticeOn: today })).status).toBe(200);
      const res = await t.get('/api/v1/centre-requests/measures', { token: token.liaison, query: { fiscalYear, officeId: nukui } });
      expect(res.status).toBe(200);
      const byKind = Object.fromEntries(res.body.byKind.map((k: { kind: string }) => [k.kind, k]));
      const [counts] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE kind = 'entrusted_guidance' AND state = 'lifted')::int AS lifted,
                count(*) FILTER (WHERE kind = 'case_transfer' AND state IN ('received', 'assigned', 'in_progress'))::int AS open_transfers
           FROM centre_requests WHERE office_id = $1`,
        [nukui],
      );
      expect(byKind.entrusted_guidance.lifted).toBe(counts.lifted);
      expect(byKind.entrusted_guidance.lifted).toBeGreaterThanOrEqual(1);
      expect(byKind.case_transfer.openNow).toBe(counts.open_transfers);
      expect((await t.get('/api/v1/centre-requests/measures', { token: token.consultant2, query: { fiscalYear } })).status).toBe(403);
      const own = await t.get('/api/v1/centre-requests/measures', { token: token.supervisor1, query: { fiscalYear, officeId: nukui } });
      expect(own.body.officeId).toBe(nerima);
    });
  });
});
