import { createCase, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';

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
  let s1: string;

  beforeAll(async () => {
    t = await TestApp.start();
    [consultant1, supervisor1, consultant2] = await Promise.all([t.login('consultant1'), t.login('supervisor1'), t.login('consultant2')]);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    c1 = await t.userId('consultant1');
    s1 = await t.userId('supervisor1');
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
  });
});
