import { addDays, todayInJapan } from '../src/common/time/japan-time';
import { createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';

/**
 * Joint case conferences: cases discussed with decisions, ward and outside
 * attendees (the centre's staff), follow-up actions that become reminders
 * for their owners, scope, and the "attended by centre staff" measure.
 */
describe('case conferences (個別ケース検討会議・進行管理会議・緊急受理会議)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let nerima: string;
  let nukui: string;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  const today = todayInJapan();

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    for (const login of ['consultant1', 'supervisor1', 'consultant2', 'supervisor2', 'liaison', 'nurse1']) {
      token[login] = await t.login(login);
      id[login] = await t.userId(login);
    }
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const centreStaff = { organisationKind: 'child_guidance_centre', name: '佐藤 健', organisation: '東京都児童相談センター', title: '児童福祉司' };

  async function conference(overrides: Record<string, unknown> = {}) {
    const a = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: id.consultant1 });
    const b = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: id.consultant1 });
    const body = {
      type: 'individual_case',
      heldOn: today,
      startTime: '14:00',
      location: '練馬子ども家庭支援センター 会議室',
      summary: '児相と役割分担を確認した。',
      cases: [
        { caseId: a.id, decision: '在宅支援を継続。児相が月1回同行訪問。' },
        { caseId: b.id, decision: '保育園での見守りを強化。' },
      ],
      attendees: [
        { organisationKind: 'ward_office', userId: id.consultant1 },
        { organisationKind: 'ward_office', userId: id.nurse1, title: '保健師' },
        centreStaff,
      ],
      actions: [{ caseId: a.id, description: '保育園に登園状況を確認する', ownerId: id.consultant1, dueOn: addDays(today, 7) }],
      ...overrides,
    };
    const res = await t.post('/api/v1/case-conferences', { token: token.consultant1, body });
    return { res, caseA: a.id, caseB: b.id };
  }

  it('records a conference with decisions per case, ward and outside attendees, and actions', async () => {
    const { res, caseA, caseB } = await conference();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'individual_case', typeLabel: '個別ケース検討会議', heldOn: today, caseCount: 2, attendeeCount: 3, centreAttended: true, openActionCount: 1, officeId: nerima });
    expect(res.body.cases).toEqual([
      expect.objectContaining({ caseId: caseA, decision: '在宅支援を継続。児相が月1回同行訪問。' }),
      expect.objectContaining({ caseId: caseB, decision: '保育園での見守りを強化。' }),
    ]);
    expect(res.body.attendees).toEqual([
      expect.objectContaining({ userId: id.consultant1, name: '相談 陽菜', organisation: '練馬子ども家庭支援センター', organisationKind: 'ward_office' }),
      expect.objectContaining({ userId: id.nurse1, organisation: '豊玉保健相談所', title: '保健師' }),
      expect.objectContaining({ userId: null, name: '佐藤 健', organisation: '東京都児童相談センター', organisationKindLabel: '児童相談センター' }),
    ]);
    expect(res.body.actions).toEqual([expect.objectContaining({ caseId: caseA, ownerId: id.consultant1, status: 'open', dueOn: addDays(today, 7), overdue: false })]);
    const audit = await t.dataSource.query(`SELECT resource_id FROM audit_events WHERE action = 'case.discussed_in_conference' ORDER BY id DESC LIMIT 2`);
    expect(audit.map((a: { resource_id: string }) => a.resource_id).sort()).toEqual([caseA, caseB].sort());
    // Reading the conference reads each case's decision: each case's audit trail shows it.
    expect((await t.get(`/api/v1/case-conferences/${res.body.id}`, { token: token.supervisor1 })).status).toBe(200);
    const reads = await t.dataSource.query(`SELECT resource_id FROM audit_events WHERE action = 'case.read_in_conference' AND actor_login_id = 'supervisor1' ORDER BY id DESC LIMIT 2`);
    expect(reads.map((a: { resource_id: string }) => a.resource_id).sort()).toEqual([caseA, caseB].sort());
  });

  it('refuses bad attendees, cases out of scope, actions on undiscussed cases and owners outside the office', async () => {
    const otherCase = await createCaseWithChild(t.dataSource, { officeId: nukui, leadWorkerId: id.consultant2 });
    const outOfScope = await conference({ cases: [{ caseId: otherCase.id }], actions: [] });
    expect(outOfScope.res.status).toBe(404);
    const external = await conference({ attendees: [{ organisationKind: 'child_guidance_centre', userId: id.liaison }] });
    expect(external.res.status).toBe(400);
    const nameless = await conference({ attendees: [{ organisationKind: 'police' }] });
    expect(nameless.res.status).toBe(400);
    const ward = await conference({ attendees: [{ organisationKind: 'ward_office', name: '誰か', organisation: '区' }] });
    expect(ward.res.status).toBe(400);
    const undiscussed = await conference({ actions: [{ caseId: otherCase.id, description: 'x', ownerId: id.consultant1, dueOn: today }] });
    expect(undiscussed.res.status).toBe(400);
    expect(undiscussed.res.body.errors).toEqual([expect.objectContaining({ field: 'actions[0].caseId', code: 'not_discussed' })]);
    const owner = await conference({ actions: [{ description: 'x', ownerId: id.consultant2, dueOn: today }] });
    expect(owner.res.status).toBe(400);
    expect(owner.res.body.errors).toEqual([expect.objectContaining({ field: 'actions[0].ownerId', code: 'not_office_staff' })]);
    expect((await t.post('/api/v1/case-conferences', { token: token.liaison, body: {} })).status).toBe(403);
  });

  it("puts on a conference only cases the office works on: not one another office shares for reading, nor a closed one", async () => {
    const shared = await createCaseWithChild(t.dataSource, { officeId: nukui, leadWorkerId: id.consultant2, sharedWithOfficeIds: [nerima] });
    expect((await t.get(`/api/v1/cases/${shared.id}`, { token: token.consultant1 })).status).toBe(200);
    const readOnly = await conference({ cases: [{ caseId: shared.id, decision: '施設入所を検討' }], actions: [] });
    expect(readOnly.res.status).toBe(403);
    const closed = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: id.consultant1, status: 'closed' });
    const onClosed = await conference({ cases: [{ caseId: closed.id, decision: '再開を検討' }], actions: [] });
    expect(onClosed.res.status).toBe(409);
    // Nor added by an edit; a case already on the conference, closed since, keeps its decision editable.
    const { res, caseA, caseB } = await conference();
    const added = await t.patch(`/api/v1/case-conferences/${res.body.id}`, {
      token: token.consultant1,
      body: { cases: [{ caseId: caseA }, { caseId: caseB }, { caseId: shared.id }], version: res.body.version },
    });
    expect(added.status).toBe(403);
    await t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = 'テスト終結' WHERE id = $1`, [caseB]);
    const kept = await t.patch(`/api/v1/case-conferences/${res.body.id}`, {
      token: token.consultant1,
      body: { cases: [{ caseId: caseA }, { caseId: caseB, decision: '終結を確認' }], version: res.body.version },
    });
    expect(kept.status).toBe(200);
    const timeline = await t.get(`/api/v1/cases/${shared.id}/timeline`, { token: token.consultant2 });
    expect(timeline.body.items.filter((e: { source: string }) => e.source === 'case_conference')).toHaveLength(0);
  });

  it('an action on a case of the conference the caller cannot see is refused, and nothing is written', async () => {
    const { res, caseB } = await conference();
    await t.dataSource.query(`UPDATE cases SET restricted = true, lead_worker_id = NULL WHERE id = $1`, [caseB]);
    const action = await t.post(`/api/v1/case-conferences/${res.body.id}/actions`, {
      token: token.consultant1,
      body: { caseId: caseB, description: '家庭訪問する', ownerId: id.consultant1, dueOn: addDays(today, 3) },
    });
    // Restricted, and not assigned to the caller: opening it takes 閲覧理由 (break-glass), which an action does not give.
    expect(action.status).toBe(403);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_conference_actions WHERE conference_id = $1 AND case_id = $2`, [res.body.id, caseB]);
    expect(n).toBe(0);
  });

  it('follow-up actions become reminders for their owners, and follow the action', async () => {
    // Due yesterday: the reminder is due at once.
    const { res } = await conference({ actions: [] });
    const conferenceId = res.body.id;
    const overdue = await t.post(`/api/v1/case-conferences/${conferenceId}/actions`, {
      token: token.consultant1,
      body: { description: '児相へ訪問結果を報告する', ownerId: id.supervisor1, dueOn: addDays(today, -1) },
    });
    expect(overdue.status).toBe(201);
    expect(overdue.body.overdue).toBe(true);
    const delivered = await waitFor(
      () => t.dataSource.query(`SELECT user_id, title, rule FROM notifications WHERE subject_id = $1`, [overdue.body.id]),
      (rows: unknown[]) => rows.length > 0,
      { what: 'action reminder' },
    );
    expect(delivered).toEqual([{ user_id: id.supervisor1, title: 'ケース会議で決まった対応の期限です', rule: 'case_conferences.action_due' }]);

    const later = await t.post(`/api/v1/case-conferences/${conferenceId}/actions`, {
      token: token.consultant1,
      body: { description: '学校と情報共有', ownerId: id.consultant1, dueOn: addDays(today, 10) },
    });
    const key = `case_conferences.action_due:${later.body.id}`;
    const reminder = async () => (await t.dataSource.query(`SELECT state, due_at, recipients FROM reminders WHERE key = $1`, [key]))[0];
    expect(await reminder()).toMatchObject({ state: 'scheduled', recipients: [{ kind: 'user', userId: id.consultant1 }] });
    const moved = await t.patch(`/api/v1/case-conferences/${conferenceId}/actions/${later.body.id}`, {
      token: token.consultant1,
      body: { dueOn: addDays(today, 20), ownerId: id.supervisor1, version: later.body.version },
    });
    expect(moved.status).toBe(200);
    const after = await reminder();
    expect(after.recipients).toEqual([{ kind: 'user', userId: id.supervisor1 }]);
    expect(new Date(after.due_at).toISOString()).toBe(new Date(`${addDays(today, 20)}T09:00:00+09:00`).toISOString());

    // Only the owner (or a supervisor) completes it; done, the reminder is gone.
    const outsider = await t.post(`/api/v1/case-conferences/${conferenceId}/actions/${later.body.id}/complete`, { token: token.consultant1, body: {} });
    expect(outsider.status).toBe(403);
    const done = await t.post(`/api/v1/case-conferences/${conferenceId}/actions/${later.body.id}/complete`, { token: token.supervisor1, body: { note: '共有済み' } });
    expect(done.body).toMatchObject({ status: 'done', completionNote: '共有済み' });
    expect((await reminder()).state).toBe('cancelled');
    expect((await t.post(`/api/v1/case-conferences/${conferenceId}/actions/${later.body.id}/cancel`, { token: token.supervisor1, body: { reason: 'x' } })).status).toBe(409);

    const mine = await t.get('/api/v1/case-conferences/actions', { token: token.supervisor1, query: { mine: true, status: 'open' } });
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(overdue.body.id);
    expect(mine.body.items.map((a: { id: string }) => a.id)).not.toContain(later.body.id);
  });

  it('another office sees nothing of the conference; the liaison neither', async () => {
    const { res } = await conference();
    const conferenceId = res.body.id;
    for (const who of ['consultant2', 'supervisor2']) {
      expect((await t.get(`/api/v1/case-conferences/${conferenceId}`, { token: token[who] })).status).toBe(404);
      const list = await t.get('/api/v1/case-conferences', { token: token[who], query: { limit: 200 } });
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(conferenceId);
      expect((await t.patch(`/api/v1/case-conferences/${conferenceId}`, { token: token[who], body: { summary: 'x', version: 1 } })).status).toBe(404);
      const action = res.body.actions[0].id;
      expect((await t.post(`/api/v1/case-conferences/${conferenceId}/actions/${action}/complete`, { token: token[who], body: {} })).status).toBe(404);
    }
    expect((await t.get(`/api/v1/case-conferences/${conferenceId}`, { token: token.liaison })).status).toBe(403);
  });

  it('the organiser or a supervisor edits it; cases with open actions stay', async () => {
    const { res, caseA, caseB } = await conference();
    const conferenceId = res.body.id;
    const dropA = await t.patch(`/api/v1/case-conferences/${conferenceId}`, { token: token.consultant1, body: { cases: [{ caseId: caseB }], version: res.body.version } });
    expect(dropA.status).toBe(422);
    const edited = await t.patch(`/api/v1/case-conferences/${conferenceId}`, {
      token: token.supervisor1,
      body: { type: 'progress_management', cases: [{ caseId: caseA, decision: '終結に向けて調整' }], attendees: [{ organisationKind: 'ward_office', userId: id.supervisor1 }], version: res.body.version },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ type: 'progress_management', caseCount: 1, attendeeCount: 1, centreAttended: false });
    const stale = await t.patch(`/api/v1/case-conferences/${conferenceId}`, { token: token.supervisor1, body: { summary: 'x', version: res.body.version } });
    expect(stale.status).toBe(409);
  });

  it("an edit by someone who no longer sees one of the cases keeps that case and its decision", async () => {
    const { res, caseA, caseB } = await conference();
    // Case B becomes restricted, its lead worker not yet named: the organiser no longer sees it in the conference.
    await t.dataSource.query(`UPDATE cases SET restricted = true, lead_worker_id = NULL WHERE id = $1`, [caseB]);
    const seen = await t.get(`/api/v1/case-conferences/${res.body.id}`, { token: token.consultant1 });
    expect(seen.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseA]);
    const edited = await t.patch(`/api/v1/case-conferences/${res.body.id}`, { token: token.consultant1, body: { cases: [{ caseId: caseA, decision: '月2回の訪問に変更' }], version: res.body.version } });
    expect(edited.status).toBe(200);
    const all = await t.get(`/api/v1/case-conferences/${res.body.id}`, { token: token.supervisor1 });
    expect(all.body.cases.map((c: { caseId: string; decision: string }) => [c.caseId, c.decision])).toEqual([
      [caseA, '月2回の訪問に変更'],
      [caseB, '保育園での見守りを強化。'],
    ]);
  });

  it('a case hidden from the caller tells nothing through the list: neither by its filter nor by the open-action count', async () => {
    const { res, caseB } = await conference({ actions: [] });
    const onB = await t.post(`/api/v1/case-conferences/${res.body.id}/actions`, { token: token.consultant1, body: { caseId: caseB, description: '家庭訪問する', ownerId: id.consultant1, dueOn: addDays(today, 3) } });
    expect(onB.status).toBe(201);
    const byB = () => t.get('/api/v1/case-conferences', { token: token.consultant1, query: { caseId: caseB } });
    expect((await byB()).body.total).toBe(1);
    await t.dataSource.query(`UPDATE cases SET restricted = true, lead_worker_id = NULL WHERE id = $1`, [caseB]);
    expect((await byB()).body).toMatchObject({ total: 0, items: [] });
    const seen = await t.get(`/api/v1/case-conferences/${res.body.id}`, { token: token.consultant1 });
    expect(seen.body).toMatchObject({ caseCount: 1, openActionCount: 0 });
    expect((await t.get(`/api/v1/case-conferences/${res.body.id}`, { token: token.supervisor1 })).body).toMatchObject({ caseCount: 2, openActionCount: 1 });
  });

  it('lists with filters and keyset pages, and counts conferences the centre\'s staff attended', async () => {
    const fiscalYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
    const before = await t.get('/api/v1/case-conferences/measures', { token: token.supervisor1, query: { fiscalYear } });
    expect(before.status).toBe(200);
    await conference({ type: 'emergency_intake' });
    await conference({ type: 'emergency_intake', attendees: [{ organisationKind: 'ward_office', userId: id.consultant1 }] });
    const after = await t.get('/api/v1/case-conferences/measures', { token: token.supervisor1, query: { fiscalYear } });
    const emergency = (m: { byType: Array<{ type: string; held: number; centreAttended: number }> }) => m.byType.find((x) => x.type === 'emergency_intake')!;
    expect(emergency(after.body).held - emergency(before.body).held).toBe(2);
    expect(emergency(after.body).centreAttended - emergency(before.body).centreAttended).toBe(1);
    expect(after.body.centreAttended - before.body.centreAttended).toBe(1);
    const nukuiView = await t.get('/api/v1/case-conferences/measures', { token: token.supervisor2, query: { fiscalYear } });
    expect(emergency(nukuiView.body).held).toBe(0);

    const attended = await t.get('/api/v1/case-conferences', { token: token.consultant1, query: { type: 'emergency_intake', centreAttended: true } });
    expect(attended.body.items.every((c: { centreAttended: boolean; type: string }) => c.centreAttended && c.type === 'emergency_intake')).toBe(true);
    const page1 = await t.get('/api/v1/case-conferences', { token: token.consultant1, query: { limit: 2 } });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.get('/api/v1/case-conferences', { token: token.consultant1, query: { limit: 2, cursor: page1.body.nextCursor } });
    const ids = [...page1.body.items, ...page2.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('puts the conference and its decision on the timeline of each case discussed', async () => {
    const { res, caseA, caseB } = await conference({ heldOn: addDays(today, -1) });
    const timelineA = await t.get(`/api/v1/cases/${caseA}/timeline`, { token: token.consultant1, query: { sources: 'case_conference' } });
    expect(timelineA.body.items).toEqual([
      expect.objectContaining({ id: res.body.id, title: '個別ケース検討会議', summary: '在宅支援を継続。児相が月1回同行訪問。', details: { conferenceId: res.body.id, centreAttended: true } }),
    ]);
    expect(new Date(timelineA.body.items[0].occurredAt).toISOString()).toBe(new Date(`${addDays(today, -1)}T14:00:00+09:00`).toISOString());
    const timelineB = await t.get(`/api/v1/cases/${caseB}/timeline`, { token: token.consultant1, query: { sources: 'case_conference' } });
    expect(timelineB.body.items.map((e: { summary: string }) => e.summary)).toEqual(['保育園での見守りを強化。']);
  });
});
