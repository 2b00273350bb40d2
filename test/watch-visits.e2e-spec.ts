import { Client } from 'pg';
import { addDays, todayInJapan } from '../src/common/time/japan-time';
import { createCase, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';
import { sleep } from './harness/wait';

/**
 * 見守り訪問: plans whose next due date follows the visits (and pauses),
 * visit records with the alerts to the supervisors, overdue lists judged in
 * working days, and the case scope on every read.
 */
describe('watch visits', () => {
  let t: TestApp;
  let consultant1: string;
  let supervisor1: string;
  let consultant2: string;
  let nerima: string;
  let nukui: string;
  let c1: string;

  beforeAll(async () => {
    t = await TestApp.start();
    [consultant1, supervisor1, consultant2] = await Promise.all([t.login('consultant1'), t.login('supervisor1'), t.login('consultant2')]);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    c1 = await t.userId('consultant1');
  });
  afterAll(async () => {
    await t.close();
  });

  /** A family of two children and a mother, led by consultant1 at Nerima unless told otherwise. */
  async function family(spec: { officeId?: string; leadWorkerId?: string } = {}) {
    const officeId = spec.officeId ?? nerima;
    const older = await createPerson(t.dataSource, { officeId, kind: 'child', birthDate: '2018-05-01' });
    const younger = await createPerson(t.dataSource, { officeId, kind: 'child', birthDate: '2022-09-15' });
    const mother = await createPerson(t.dataSource, { officeId, kind: 'guardian', birthDate: '1992-01-20' });
    const created = await createCase(t.dataSource, {
      officeId,
      leadWorkerId: spec.leadWorkerId ?? c1,
      members: [
        { personId: older, relationship: 'child' },
        { personId: younger, relationship: 'child' },
        { personId: mother, relationship: 'mother' },
      ],
    });
    return { caseId: created.id, older, younger, mother };
  }

  async function plan(caseId: string, body: Record<string, unknown> = {}, token = consultant1) {
    const res = await t.post('/api/v1/watch-visit-plans', { token, body: { caseId, frequency: 'weekly', startOn: '2026-04-06', purpose: '児童の安全確認', ...body } });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function visit(caseId: string, body: Record<string, unknown>, token = consultant1) {
    return t.post('/api/v1/watch-visits', { token, body: { caseId, visitorIds: [c1], ...body } });
  }

  const seenAll = (f: { older: string; younger: string }) => [
    { personId: f.older, seen: true, condition: 'good' },
    { personId: f.younger, seen: true, condition: 'some_concern', note: '頬に軽いすり傷（転倒と母説明）' },
  ];

  describe('plans and the next due date', () => {
    it('is due on the start date, then a week after each visit done, moved off holidays', async () => {
      const f = await family();
      const p = await plan(f.caseId);
      expect(p).toMatchObject({ status: 'active', nextDueOn: '2026-04-06', lastVisitOn: null, responsibleWorkerId: c1, frequencyLabel: '毎週', version: 1 });

      const v1 = await visit(f.caseId, { visitedAt: '2026-04-06T10:00:00+09:00', outcome: 'done', riskChange: 'same', children: seenAll(f) });
      expect(v1.status).toBe(201);
      expect(v1.body).toMatchObject({ planId: p.id, dueOn: '2026-04-06', visitedOn: '2026-04-06', outcomeLabel: '実施', alerts: [] });
      expect(v1.body.children).toHaveLength(2);
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body).toMatchObject({ nextDueOn: '2026-04-13', lastVisitOn: '2026-04-06' });

      // 4/22 + 7 = 4/29 昭和の日 → 4/30.
      await visit(f.caseId, { visitedAt: '2026-04-22T14:00:00+09:00', outcome: 'done', riskChange: 'lower', children: seenAll(f) });
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body.nextDueOn).toBe('2026-04-30');

      // An attempt with nobody home and a re-visit date moves the due date to the re-visit.
      await visit(f.caseId, { visitedAt: '2026-04-30T10:00:00+09:00', outcome: 'not_done', notDoneReason: 'no_one_home', nextVisitOn: '2026-05-01' });
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body).toMatchObject({ nextDueOn: '2026-05-01', lastVisitOn: '2026-04-22' });

      // A visit entered late (done on 4/15, typed in now) takes its place in time: the last visit and the re-visit stand.
      await visit(f.caseId, { visitedAt: '2026-04-15T10:00:00+09:00', outcome: 'done', riskChange: 'same', children: seenAll(f) });
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body).toMatchObject({ nextDueOn: '2026-05-01', lastVisitOn: '2026-04-22' });
      // A visit done after the attempt supersedes the re-visit date.
      await visit(f.caseId, { visitedAt: '2026-05-01T10:00:00+09:00', outcome: 'done', riskChange: 'same', children: seenAll(f) });
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body).toMatchObject({ nextDueOn: '2026-05-08', lastVisitOn: '2026-05-01' });
    });

    it('reschedules across a pause and a resume, and ends', async () => {
      const f = await family();
      const p = await plan(f.caseId);
      await visit(f.caseId, { visitedAt: '2026-04-08T10:00:00+09:00', outcome: 'done', riskChange: 'same', children: seenAll(f) });
      let current = (await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body;
      expect(current.nextDueOn).toBe('2026-04-15');

      const paused = await t.post(`/api/v1/watch-visit-plans/${p.id}/pause`, { token: consultant1, body: { reason: '児童入院のため', pausedOn: '2026-04-10', version: current.version } });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ status: 'paused', nextDueOn: null, pauseReason: '児童入院のため', allowedActions: ['update', 'resume', 'end'] });
      expect((await t.post(`/api/v1/watch-visit-plans/${p.id}/pause`, { token: consultant1, body: { reason: '再度', version: paused.body.version } })).status).toBe(409);

      // Back after a month: due the day the plan resumes, not weeks overdue.
      const resumed = await t.post(`/api/v1/watch-visit-plans/${p.id}/resume`, { token: consultant1, body: { resumedOn: '2026-05-11', version: paused.body.version } });
      expect(resumed.status).toBe(200);
      expect(resumed.body).toMatchObject({ status: 'active', nextDueOn: '2026-05-11', resumedOn: '2026-05-11' });
      await visit(f.caseId, { visitedAt: '2026-05-12T10:00:00+09:00', outcome: 'done', riskChange: 'same', children: seenAll(f) });
      current = (await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body;
      expect(current.nextDueOn).toBe('2026-05-19');

      const ended = await t.post(`/api/v1/watch-visit-plans/${p.id}/end`, { token: consultant1, body: { reason: '状況安定のため終了', endedOn: '2026-05-20', version: current.version } });
      expect(ended.body).toMatchObject({ status: 'ended', nextDueOn: null, endedOn: '2026-05-20', allowedActions: [] });
      expect(ended.body.history.map((e: { action: string }) => e.action)).toEqual(['created', 'paused', 'resumed', 'ended']);
      expect(ended.body.history[1]).toMatchObject({ reason: '児童入院のため', effectiveOn: '2026-04-10', nextDueOn: null });
      expect(ended.body.history[2]).toMatchObject({ effectiveOn: '2026-05-11', nextDueOn: '2026-05-11' });
      const again = await t.post(`/api/v1/watch-visit-plans/${p.id}/resume`, { token: consultant1, body: { version: ended.body.version } });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'invalid-state-transition', allowed: [] });

      // A new plan may be made once the old one has ended; two in force at once may not.
      const second = await plan(f.caseId, { startOn: '2026-06-01' });
      const third = await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: f.caseId, frequency: 'monthly', startOn: '2026-06-01', purpose: '重複' } });
      expect(third.status).toBe(409);
      expect(third.body.planId).toBe(second.id);
    });

    it("carries its case's office, and follows the case to another office", async () => {
      const f = await family();
      const p = await plan(f.caseId);
      const officeOf = async () => (await t.dataSource.query(`SELECT office_id FROM watch_visit_plans WHERE id = $1`, [p.id]))[0].office_id;
      expect(await officeOf()).toBe(nerima);
      await t.dataSource.query(`UPDATE cases SET office_id = $2 WHERE id = $1`, [f.caseId, nukui]);
      expect(await officeOf()).toBe(nukui);
      // Back home, so the other office's counts in the scope tests stay as they set them up.
      await t.dataSource.query(`UPDATE cases SET office_id = $2 WHERE id = $1`, [f.caseId, nerima]);
      expect(await officeOf()).toBe(nerima);
    });

    it('ends with the case: closing it ends the plan, cancels its reminder and takes it off the overdue list', async () => {
      const f = await family();
      const p = await plan(f.caseId);
      const [scheduled] = await t.dataSource.query(`SELECT state FROM reminders WHERE key = $1`, [`watch_visit.due:${p.id}`]);
      expect(scheduled.state).toBe('scheduled');
      const overdueBefore = await t.get('/api/v1/watch-visits/overdue', { token: supervisor1, query: { asOf: '2026-05-08' } });
      expect(overdueBefore.body.items.map((x: { id: string }) => x.id)).toContain(p.id);

      const version = (await t.get(`/api/v1/cases/${f.caseId}`, { token: supervisor1 })).body.version;
      const closed = await t.post(`/api/v1/cases/${f.caseId}/close`, { token: supervisor1, body: { reason: '転居により終結', version } });
      expect(closed.status).toBe(200);

      const ended = (await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: supervisor1 })).body;
      expect(ended).toMatchObject({ status: 'ended', nextDueOn: null, endReason: 'ケース終結：転居により終結', allowedActions: [] });
      expect(ended.history.map((e: { action: string }) => e.action)).toEqual(['created', 'ended']);
      const [cancelled] = await t.dataSource.query(`SELECT state FROM reminders WHERE key = $1`, [`watch_visit.due:${p.id}`]);
      expect(cancelled.state).toBe('cancelled');
      const overdueAfter = await t.get('/api/v1/watch-visits/overdue', { token: supervisor1, query: { asOf: '2026-05-08' } });
      expect(overdueAfter.body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    });

    it('a visit recorded while the case is being closed waits for the closure, then is refused, without a deadlock', async () => {
      const f = await family();
      await plan(f.caseId);
      // The closure's order: the case, then its plans, in one transaction of another connection.
      const closer = new Client({ connectionString: t.config.databaseUrl });
      await closer.connect();
      try {
        await closer.query('BEGIN');
        await closer.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [f.caseId]);
        const recording = visit(f.caseId, { visitedAt: '2026-04-06T10:00:00+09:00', outcome: 'done', riskChange: 'same', children: seenAll(f) });
        await sleep(300);
        // Had the visit locked the plan before the case, this would wait for it while it waits for the case: a deadlock.
        await closer.query(`UPDATE watch_visit_plans SET status = 'ended', ended_on = '2026-04-06', end_reason = '終結', next_due_on = NULL WHERE case_id = $1 AND status <> 'ended'`, [f.caseId]);
        await closer.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = '終結' WHERE id = $1`, [f.caseId]);
        await closer.query('COMMIT');
        const refused = await recording;
        expect(refused.status).toBe(422);
        expect(refused.body.detail).toMatch(/closed/);
      } finally {
        await closer.end();
      }
    });
  });

  describe('visit records and the alerts', () => {
    it('a child not seen at two visits in a row, and a higher risk, are flagged for the supervisors', async () => {
      const f = await family();
      await plan(f.caseId);
      // The younger child is at nursery: not seen, but only once.
      const first = await visit(f.caseId, {
        visitedAt: '2026-04-06T10:00:00+09:00',
        outcome: 'done',
        riskChange: 'same',
        children: [{ personId: f.older, seen: true, condition: 'good' }, { personId: f.younger, seen: false, note: '保育園登園中' }],
      });
      expect(first.status).toBe(201);
      expect(first.body.alerts).toEqual([]);
      // Nobody home: neither child is seen; the younger one now twice in a row.
      const second = await visit(f.caseId, { visitedAt: '2026-04-13T10:00:00+09:00', outcome: 'not_done', notDoneReason: 'no_one_home' });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ alerts: ['child_not_seen_twice'], alertLabels: ['児童を2回続けて目視できず'], notDoneReasonLabel: '不在' });
      expect(second.body.children.map((c: { seen: boolean }) => c.seen)).toEqual([false, false]);
      // Both seen again, but the risk is judged higher.
      const third = await visit(f.caseId, { visitedAt: '2026-04-14T17:00:00+09:00', outcome: 'done', riskChange: 'higher', children: seenAll(f), concerns: '母の抑うつ傾向が強まっている' });
      expect(third.body.alerts).toEqual(['risk_higher']);
      const alerted = await t.get('/api/v1/watch-visits', { token: supervisor1, query: { caseId: f.caseId, alerted: true } });
      expect(alerted.body.items.map((v: { id: string }) => v.id)).toEqual([third.body.id, second.body.id]);
      expect(alerted.body.total).toBe(2);
      expect(alerted.body.items[1]).toMatchObject({ childrenSeen: 0, childrenTotal: 2, outcomeLabel: '未実施' });
      // The answer to each write is made from what it wrote: it must be exactly what reading the record gives.
      for (const written of [first, second, third]) {
        const read = await t.get(`/api/v1/watch-visits/${written.body.id}`, { token: consultant1 });
        expect(read.status).toBe(200);
        expect(written.body).toEqual(read.body);
      }
    });

    it('validates the record: every child, a reason when not done, casework staff as visitors, nothing in the future', async () => {
      const f = await family();
      const base = { visitedAt: '2026-04-06T10:00:00+09:00', outcome: 'done', riskChange: 'same' };
      const missing = await visit(f.caseId, { ...base, children: [{ personId: f.older, seen: true, condition: 'good' }] });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'children', code: 'child_missing' })]);
      const stranger = await visit(f.caseId, { ...base, children: [...seenAll(f), { personId: f.mother, seen: true, condition: 'good' }] });
      expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'children[2].personId', code: 'not_a_child_of_the_case' })]);
      const noReason = await visit(f.caseId, { visitedAt: base.visitedAt, outcome: 'not_done' });
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'notDoneReason', code: 'required_when_not_done' })]);
      const liaison = await visit(f.caseId, { ...base, children: seenAll(f), visitorIds: [await t.userId('liaison')] });
      expect(liaison.status).toBe(400);
      expect(liaison.body.errors).toEqual([expect.objectContaining({ field: 'visitorIds[0]', code: 'not_casework_staff' })]);
      const future = await visit(f.caseId, { ...base, visitedAt: new Date(Date.now() + 86_400_000).toISOString(), children: seenAll(f) });
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'visitedAt', code: 'in_future' })]);
      // A time without its offset names no instant (the server would read it in its own zone), nor does a week date.
      for (const visitedAt of ['2026-04-06T10:00:00', '2026-04-06', '2026-W15-1T10:00:00+09:00']) {
        const unanchored = await visit(f.caseId, { ...base, visitedAt, children: seenAll(f) });
        expect(unanchored.status).toBe(400);
        expect(unanchored.body.errors).toEqual([expect.objectContaining({ field: 'visitedAt', code: 'isInstant' })]);
      }
      const unknown = await visit(f.caseId, { ...base, children: seenAll(f), mood: 'ok' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'mood', code: 'unknown_field' })]);
      const nullRisk = await visit(f.caseId, { ...base, children: seenAll(f), riskChange: null });
      expect(nullRisk.status).toBe(400);
      expect((await t.get('/api/v1/watch-visits', { token: consultant1, query: { caseId: f.caseId } })).body.total).toBe(0);
    });

    it('corrections: visitors, the author and supervisors only, with the version; a new next visit date reschedules the plan', async () => {
      const f = await family();
      const p = await plan(f.caseId);
      const v = (await visit(f.caseId, { visitedAt: '2026-04-06T10:00:00+09:00', outcome: 'done', riskChange: 'same', children: seenAll(f) })).body;
      const colleague = await staff('nerima-colleague', 'CFS-NERIMA', 'consultant');
      const denied = await t.patch(`/api/v1/watch-visits/${v.id}`, { token: colleague.token, body: { notes: '追記', version: v.version } });
      expect(denied.status).toBe(403);
      const corrected = await t.patch(`/api/v1/watch-visits/${v.id}`, { token: consultant1, body: { notes: '訪問時、母は在宅勤務中。', nextVisitOn: '2026-04-10', version: v.version } });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({ notes: '訪問時、母は在宅勤務中。', nextVisitOn: '2026-04-10', version: v.version + 1 });
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body.nextDueOn).toBe('2026-04-10');
      const stale = await t.patch(`/api/v1/watch-visits/${v.id}`, { token: supervisor1, body: { notes: '上書き', version: v.version } });
      expect(stale.status).toBe(409);
      const bySupervisor = await t.patch(`/api/v1/watch-visits/${v.id}`, { token: supervisor1, body: { nextVisitOn: null, version: corrected.body.version } });
      expect(bySupervisor.status).toBe(200);
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body.nextDueOn).toBe('2026-04-13');
    });

    it('a pause or an end dated ahead is refused: the plan would stop being due before its date', async () => {
      const f = await family();
      const p = await plan(f.caseId);
      const tomorrow = addDays(todayInJapan(), 1);
      const pause = await t.post(`/api/v1/watch-visit-plans/${p.id}/pause`, { token: consultant1, body: { reason: '入院予定', pausedOn: tomorrow, version: p.version } });
      expect(pause.status).toBe(400);
      expect(pause.body.errors).toEqual([expect.objectContaining({ field: 'pausedOn', code: 'in_future' })]);
      const end = await t.post(`/api/v1/watch-visit-plans/${p.id}/end`, { token: consultant1, body: { reason: '転居予定', endedOn: tomorrow, version: p.version } });
      expect(end.body.errors).toEqual([expect.objectContaining({ field: 'endedOn', code: 'in_future' })]);
      expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token: consultant1 })).body).toMatchObject({ status: 'active', nextDueOn: p.nextDueOn });
    });

    it('a date beyond the working-day calendar is refused (422), not a server error', async () => {
      const f = await family();
      const far = await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: f.caseId, frequency: 'weekly', startOn: '2051-04-03', purpose: '見守り' } });
      expect(far.status).toBe(422);
      expect(far.body).toMatchObject({ type: expect.stringContaining('business-rule'), detail: expect.stringContaining('年を確認') });
      expect((await t.get('/api/v1/watch-visits/overdue/summary', { token: supervisor1, query: { asOf: '2051-01-06' } })).status).toBe(422);
      // Nothing was written by the refused plan.
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM watch_visit_plans WHERE case_id = $1`, [f.caseId]))[0].n).toBe(0);
    });

    it('a correction keeps what it does not send: a visit not done for "other" reasons keeps its note', async () => {
      const f = await family();
      await plan(f.caseId);
      const body = { visitedAt: '2026-04-06T10:00:00+09:00', outcome: 'not_done', notDoneReason: 'other', notDoneNote: '親族宅に滞在中' };
      const v = (await visit(f.caseId, body)).body;
      const moved = await t.patch(`/api/v1/watch-visits/${v.id}`, { token: consultant1, body: { nextVisitOn: '2026-04-09', version: v.version } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ notDoneNote: '親族宅に滞在中', nextVisitOn: '2026-04-09' });
      const cleared = await t.patch(`/api/v1/watch-visits/${v.id}`, { token: consultant1, body: { notDoneNote: null, version: moved.body.version } });
      expect(cleared.status).toBe(400);
      expect(cleared.body.errors).toEqual([expect.objectContaining({ field: 'notDoneNote', code: 'required_for_other' })]);
    });

    it('a responsible worker must be casework staff of the case office; a custom frequency needs its number of days', async () => {
      const f = await family();
      const other = await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: f.caseId, frequency: 'weekly', startOn: '2026-04-06', purpose: 'x', responsibleWorkerId: await t.userId('consultant2') } });
      expect(other.status).toBe(400);
      expect(other.body.errors).toEqual([expect.objectContaining({ field: 'responsibleWorkerId', code: 'not_of_the_office' })]);
      const custom = await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: f.caseId, frequency: 'custom', startOn: '2026-04-06', purpose: 'x' } });
      expect(custom.status).toBe(400);
      const notCustom = await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: f.caseId, frequency: 'weekly', intervalDays: 10, startOn: '2026-04-06', purpose: 'x' } });
      expect(notCustom.body.errors).toEqual([expect.objectContaining({ field: 'intervalDays', code: 'only_for_custom' })]);
      const ok = await plan(f.caseId, { frequency: 'custom', intervalDays: 10 });
      expect(ok).toMatchObject({ frequency: 'custom', intervalDays: 10, frequencyLabel: '日数指定' });
      const changed = await t.patch(`/api/v1/watch-visit-plans/${ok.id}`, { token: consultant1, body: { frequency: 'biweekly', version: ok.version } });
      expect(changed.body).toMatchObject({ frequency: 'biweekly', intervalDays: null });
      expect(changed.body.history.map((e: { action: string }) => e.action)).toEqual(['created', 'updated']);
    });
  });

  describe('scope', () => {
    it("another office's plans and visits are invisible: 404 on read and write, absent from lists and counts", async () => {
      const f = await family();
      const p = await plan(f.caseId, { startOn: '2026-04-01' });
      const v = (await visit(f.caseId, { visitedAt: '2026-04-01T10:00:00+09:00', outcome: 'done', riskChange: 'higher', children: seenAll(f) })).body;
      for (const token of [consultant2, await t.login('supervisor2')]) {
        expect((await t.get(`/api/v1/watch-visits/${v.id}`, { token })).status).toBe(404);
        expect((await t.get(`/api/v1/watch-visit-plans/${p.id}`, { token })).status).toBe(404);
        expect((await t.patch(`/api/v1/watch-visits/${v.id}`, { token, body: { notes: 'x', version: v.version } })).status).toBe(404);
        expect((await t.post(`/api/v1/watch-visit-plans/${p.id}/pause`, { token, body: { reason: 'x', version: 1 } })).status).toBe(404);
        const record = await visit(f.caseId, { visitedAt: '2026-04-02T10:00:00+09:00', outcome: 'not_done', notDoneReason: 'refused', visitorIds: [await t.userId('consultant2')] }, token);
        expect(record.status).toBe(404);
        const visits = await t.get('/api/v1/watch-visits', { token, query: { caseId: f.caseId } });
        expect(visits.body).toMatchObject({ items: [], total: 0 });
        const plans = await t.get('/api/v1/watch-visit-plans', { token });
        expect(plans.body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
        const overdue = await t.get('/api/v1/watch-visits/overdue', { token, query: { asOf: '2026-06-01' } });
        expect(overdue.body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
        const summary = (await t.get('/api/v1/watch-visits/overdue/summary', { token, query: { asOf: '2026-06-01' } })).body;
        expect(summary.byOffice.map((o: { id: string }) => o.id)).not.toContain(nerima);
        expect(summary.byWorker.map((w: { id: string }) => w.id)).not.toContain(c1);
      }
      // Nerima sees them, and Nukui's own office in its summary only.
      expect((await t.get(`/api/v1/watch-visits/${v.id}`, { token: supervisor1 })).status).toBe(200);
      const ownSummary = (await t.get('/api/v1/watch-visits/overdue/summary', { token: supervisor1, query: { asOf: '2026-06-01' } })).body;
      expect(ownSummary.byOffice.map((o: { id: string }) => o.id)).toEqual([nerima]);
      expect(ownSummary.byOffice.map((o: { id: string }) => o.id)).not.toContain(nukui);
    });

    it('roles without case content are refused (403)', async () => {
      for (const login of ['liaison', 'auditor', 'admin']) {
        const token = await t.login(login);
        expect((await t.get('/api/v1/watch-visits', { token })).status).toBe(403);
        expect((await t.get('/api/v1/watch-visits/overdue', { token })).status).toBe(403);
        expect((await t.get('/api/v1/watch-visit-plans', { token })).status).toBe(403);
      }
    });

    it('pages the visit list by visit time without skipping or repeating visits of the same millisecond', async () => {
      const f = await family();
      await plan(f.caseId);
      const ids: string[] = [];
      for (const day of ['06', '07', '08', '09']) {
        ids.push((await visit(f.caseId, { visitedAt: `2026-04-${day}T10:00:00+09:00`, outcome: 'done', riskChange: 'same', children: seenAll(f) })).body.id);
      }
      // Records imported in SQL carry microseconds: three of them fall in one millisecond.
      await t.dataSource.query(
        `UPDATE watch_visits SET visited_at = '2026-04-10 10:00:00.123+09'::timestamptz + (array_position($1::uuid[], id) * interval '1 microsecond')
          WHERE id = ANY ($1::uuid[])`,
        [ids.slice(1)],
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.get('/api/v1/watch-visits', { token: consultant1, query: { caseId: f.caseId, limit: 1, ...(cursor ? { cursor } : {}) } });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((v: { id: string }) => v.id));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor && seen.length <= ids.length);
      expect(seen).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    });
  });

  describe('overdue lists', () => {
    /** Staff of 関 (an office no other test uses), so counts are exact. */
    let seki: string;
    let sekiSupervisor: { id: string; token: string };
    let workerA: { id: string; token: string };
    let workerB: { id: string; token: string };
    let plans: Record<string, string>;

    beforeAll(async () => {
      seki = await t.officeId('CFS-SEKI');
      sekiSupervisor = await staff('seki-supervisor', 'CFS-SEKI', 'supervisor');
      workerA = await staff('seki-worker-a', 'CFS-SEKI', 'consultant');
      workerB = await staff('seki-worker-b', 'CFS-SEKI', 'consultant');
      // Golden Week 2026: 4/29 (Wed) 昭和の日; 5/2-5/6 weekend and holidays (5/6 振替休日).
      const due = async (startOn: string, worker: { id: string; token: string }) => {
        const f = await family({ officeId: seki, leadWorkerId: worker.id });
        return (await plan(f.caseId, { startOn }, worker.token)).id;
      };
      plans = {
        thu430: await due('2026-04-30', workerA),
        fri501: await due('2026-05-01', workerA),
        thu507: await due('2026-05-07', workerB),
        tue428: await due('2026-04-28', workerB),
      };
    });

    it('counts working days across the weekend and the holidays, and escalates at 3', async () => {
      // On 5/7 (Thu): 4/28 is 3 working days late (4/30, 5/1, 5/7); 4/30 two (5/1, 5/7); 5/1 one; 5/7 is due today, not late.
      const list = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-07' } });
      expect(list.status).toBe(200);
      expect(list.body.asOf).toBe('2026-05-07');
      expect(list.body.items.map((x: { id: string; daysOverdue: number; workingDaysOverdue: number; escalated: boolean }) => [x.id, x.daysOverdue, x.workingDaysOverdue, x.escalated])).toEqual([
        [plans.tue428, 9, 3, true],
        [plans.thu430, 7, 2, false],
        [plans.fri501, 6, 1, false],
      ]);
      expect(list.body.total).toBe(3);
      // Each row names its responsible worker (looked up for the page's rows only).
      const names = new Map((await t.dataSource.query(`SELECT id, display_name FROM users WHERE id = ANY ($1)`, [[workerA.id, workerB.id]])).map((u: { id: string; display_name: string }) => [u.id, u.display_name]));
      expect(list.body.items.map((x: { responsibleWorkerName: string }) => x.responsibleWorkerName)).toEqual(list.body.items.map((x: { responsibleWorkerId: string }) => names.get(x.responsibleWorkerId)));
      expect(names.size).toBe(2);
      // On the holiday 5/6 nothing moved since 5/1: the weekend and holidays add calendar days only.
      const holiday = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-06' } });
      expect(holiday.body.items.map((x: { workingDaysOverdue: number; daysOverdue: number }) => [x.workingDaysOverdue, x.daysOverdue])).toEqual([
        [2, 8],
        [1, 6],
        [0, 5],
      ]);
      const escalated = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-08', escalatedOnly: true } });
      expect(escalated.body.items.map((x: { id: string }) => x.id)).toEqual([plans.tue428, plans.thu430]);
      const mine = await t.get('/api/v1/watch-visits/overdue', { token: workerA.token, query: { asOf: '2026-05-08', responsibleWorkerId: workerA.id } });
      expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([plans.thu430, plans.fri501]);
      // Keyset pages of one.
      const page1 = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-07', limit: 1 } });
      const page2 = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-07', limit: 1, cursor: page1.body.nextCursor } });
      expect([page1.body.items[0].id, page2.body.items[0].id]).toEqual([plans.tue428, plans.thu430]);
    });

    it('summarises per worker and per office', async () => {
      const summary = await t.get('/api/v1/watch-visits/overdue/summary', { token: sekiSupervisor.token, query: { asOf: '2026-05-08' } });
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ asOf: '2026-05-08', overdue: 4, escalated: 2 });
      expect(summary.body.byOffice).toEqual([{ id: seki, name: '関子ども家庭支援センター', overdue: 4, escalated: 2, maxDaysOverdue: 10, activePlans: 4 }]);
      const byWorker = Object.fromEntries(summary.body.byWorker.map((w: { id: string }) => [w.id, w]));
      expect(byWorker[workerA.id]).toMatchObject({ overdue: 2, escalated: 1, maxDaysOverdue: 8, activePlans: 2, officeId: seki });
      expect(byWorker[workerB.id]).toMatchObject({ overdue: 2, escalated: 1, maxDaysOverdue: 10, activePlans: 2 });
    });

    it('a visit done, or a pause, takes a plan off the list', async () => {
      const before = (await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-08' } })).body.total;
      const target = (await t.get(`/api/v1/watch-visit-plans/${plans.fri501}`, { token: workerA.token })).body;
      const children = (await t.dataSource.query(`SELECT m.person_id FROM case_members m JOIN persons p ON p.id = m.person_id WHERE m.case_id = $1 AND p.kind = 'child'`, [target.caseId])) as Array<{ person_id: string }>;
      const done = await t.post('/api/v1/watch-visits', {
        token: workerA.token,
        body: { caseId: target.caseId, visitorIds: [workerA.id], visitedAt: '2026-05-07T15:00:00+09:00', outcome: 'done', riskChange: 'same', children: children.map((c) => ({ personId: c.person_id, seen: true, condition: 'good' })) },
      });
      expect(done.status).toBe(201);
      const paused = await t.post(`/api/v1/watch-visit-plans/${plans.thu430}/pause`, { token: workerA.token, body: { reason: '家族で帰省中', version: (await t.get(`/api/v1/watch-visit-plans/${plans.thu430}`, { token: workerA.token })).body.version } });
      expect(paused.status).toBe(200);
      const after = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-08' } });
      expect(after.body.total).toBe(before - 2);
      expect(after.body.items.map((x: { id: string }) => x.id)).toEqual([plans.tue428, plans.thu507]);
    });

    it('a case closed behind the API leaves the count and the list although its plan is still active; reopened, it is back', async () => {
      const list = async () => (await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-08' } })).body;
      const before = await list();
      const caseId = (await t.get(`/api/v1/watch-visit-plans/${plans.tue428}`, { token: sekiSupervisor.token })).body.caseId;
      await t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = '取込で終結' WHERE id = $1`, [caseId]);
      const closed = await list();
      expect(closed.total).toBe(before.total - 1);
      expect(closed.items.map((x: { id: string }) => x.id)).not.toContain(plans.tue428);
      await t.dataSource.query(`UPDATE cases SET status = 'open', closed_at = NULL, closed_reason = NULL WHERE id = $1`, [caseId]);
      expect(await list()).toEqual(before);
    });

    it("merges the plans of cases shared with the office into the office's own, in due order, page by page", async () => {
      const elsewhere = await family();
      const shared = (await plan(elsewhere.caseId, { startOn: '2026-05-01' })).id;
      await t.dataSource.query(`INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'transfer')`, [elsewhere.caseId, seki]);
      const expected = [plans.tue428, shared, plans.thu507];
      const all = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-08' } });
      expect({ ids: all.body.items.map((x: { id: string }) => x.id), total: all.body.total }).toEqual({ ids: expected, total: 3 });
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.get('/api/v1/watch-visits/overdue', { token: sekiSupervisor.token, query: { asOf: '2026-05-08', limit: 1, ...(cursor ? { cursor } : {}) } });
        paged.push(...page.body.items.map((x: { id: string }) => x.id));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor && paged.length <= expected.length);
      expect(paged).toEqual(expected);
    });

    it('offers no action on the plan of a case shared for reading, in its detail and in the list', async () => {
      const elsewhere = await family();
      const created = await plan(elsewhere.caseId, { startOn: '2026-05-01' });
      expect(created.allowedActions).toEqual(['update', 'pause', 'end']);
      await t.dataSource.query(`INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'transfer')`, [elsewhere.caseId, seki]);
      const read = await t.get(`/api/v1/watch-visit-plans/${created.id}`, { token: sekiSupervisor.token });
      expect(read.status).toBe(200);
      expect(read.body.allowedActions).toEqual([]);
      const listed = await t.get('/api/v1/watch-visit-plans', { token: sekiSupervisor.token, query: { caseId: elsewhere.caseId } });
      expect(listed.body.items.map((p: { id: string; allowedActions: string[] }) => [p.id, p.allowedActions])).toEqual([[created.id, []]]);
      const ownList = await t.get('/api/v1/watch-visit-plans', { token: consultant1, query: { caseId: elsewhere.caseId } });
      expect(ownList.body.items.map((p: { allowedActions: string[] }) => p.allowedActions)).toEqual([['update', 'pause', 'end']]);
      expect((await t.post(`/api/v1/watch-visit-plans/${created.id}/pause`, { token: sekiSupervisor.token, body: { reason: '共有先から', version: created.version } })).status).toBe(403);
    });

    it("summarises what the list shows, for a supervisor and for a consultant, a shared case under its own office", async () => {
      type Item = { officeId: string; responsibleWorkerId: string; daysOverdue: number; escalated: boolean };
      type Group = { id: string; overdue: number; escalated: number; maxDaysOverdue: number };
      const tally = (items: Item[], key: (item: Item) => string) => {
        const groups = new Map<string, { overdue: number; escalated: number; maxDaysOverdue: number }>();
        for (const item of items) {
          const g = groups.get(key(item)) ?? { overdue: 0, escalated: 0, maxDaysOverdue: 0 };
          groups.set(key(item), { overdue: g.overdue + 1, escalated: g.escalated + (item.escalated ? 1 : 0), maxDaysOverdue: Math.max(g.maxDaysOverdue, item.daysOverdue) });
        }
        return groups;
      };
      const elsewhere = await family();
      await plan(elsewhere.caseId, { startOn: '2026-04-20' });
      await t.dataSource.query(`INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'transfer')`, [elsewhere.caseId, seki]);
      const overdueOnly = (groups: Group[]) => Object.fromEntries(groups.filter((g) => g.overdue > 0).map((g) => [g.id, { overdue: g.overdue, escalated: g.escalated, maxDaysOverdue: g.maxDaysOverdue }]));
      for (const who of [sekiSupervisor, workerA]) {
        const list = (await t.get('/api/v1/watch-visits/overdue', { token: who.token, query: { asOf: '2026-05-08', limit: 200 } })).body;
        const summary = (await t.get('/api/v1/watch-visits/overdue/summary', { token: who.token, query: { asOf: '2026-05-08' } })).body;
        expect({ overdue: summary.overdue, escalated: summary.escalated }).toEqual({ overdue: list.total, escalated: list.items.filter((i: Item) => i.escalated).length });
        expect(overdueOnly(summary.byOffice)).toEqual(Object.fromEntries(tally(list.items, (i) => i.officeId)));
        expect(overdueOnly(summary.byWorker)).toEqual(Object.fromEntries(tally(list.items, (i) => i.responsibleWorkerId)));
        // Workers most overdue first, then longest overdue; offices most overdue first.
        const workerKeys = summary.byWorker.map((w: Group) => [-w.overdue, -w.maxDaysOverdue]);
        expect(workerKeys).toEqual([...workerKeys].sort((a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1]));
        const officeKeys = summary.byOffice.map((o: Group) => -o.overdue);
        expect(officeKeys).toEqual([...officeKeys].sort((a: number, b: number) => a - b));
      }
      // The case shared from Nerima counts under Nerima, for 関's supervisor and consultant alike.
      const summary = (await t.get('/api/v1/watch-visits/overdue/summary', { token: workerA.token, query: { asOf: '2026-05-08' } })).body;
      expect(summary.byOffice.map((o: Group) => o.id).sort()).toEqual([seki, nerima].sort());
    });
  });

  /** A user of the given office signing in with the demo password. */
  async function staff(loginId: string, officeCode: string, role: 'consultant' | 'supervisor'): Promise<{ id: string; token: string }> {
    await t.dataSource.query(
      `INSERT INTO users (login_id, display_name, office_id, roles, password_hash)
       SELECT $1, $1, o.id, ARRAY[$3]::user_role[], (SELECT password_hash FROM users WHERE login_id = 'consultant1') FROM offices o WHERE o.code = $2`,
      [loginId, officeCode, role],
    );
    return { id: await t.userId(loginId), token: await t.login(loginId) };
  }
});
