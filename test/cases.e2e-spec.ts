import { createCaseWithChild, createPerson } from './factories/casework';
import { TestApp } from './harness/test-app';

// Jest reads testTimeout only from the root config, not per project: set it here for this file.
jest.setTimeout(60_000);

/**
 * Cases: numbering, office scope (404 and absent from lists and counts),
 * consultant vs supervisor rights, optimistic locking, members, closing and
 * reopening, and restricted cases with break-glass.
 */
describe('cases', () => {
  let t: TestApp;
  let nerima: string;
  let nukui: string;
  let consultant1: string;
  let supervisor1: string;
  let consultant2: string;
  let colleague: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    consultant1 = await t.userId('consultant1');
    supervisor1 = await t.userId('supervisor1');
    consultant2 = await t.userId('consultant2');
    await t.dataSource.query(`INSERT INTO users (login_id, display_name, office_id, roles, password_hash) VALUES ('colleague', '同僚 一郎', $1, '{consultant}', 'x')`, [nerima]);
    colleague = await t.userId('colleague');
    for (const login of ['consultant1', 'supervisor1', 'consultant2', 'supervisor2', 'liaison', 'admin']) token[login] = await t.login(login);
  });
  afterAll(async () => {
    await t.close();
  });

  const audits = async (action: string, resourceId: string) =>
    t.dataSource.query(`SELECT actor_login_id, outcome, reason, details FROM audit_events WHERE action = $1 AND resource_id = $2 ORDER BY id`, [action, resourceId]);

  it('a consultant opens a case in their office, numbered per office and fiscal year, and becomes its lead worker', async () => {
    const child = await createPerson(t.dataSource, { officeId: nerima });
    const res = await t.post('/api/v1/cases', {
      token: token.consultant1,
      body: { label: '開始 世帯', supportLevel: 'support_required', openedOn: '2026-04-03', members: [{ personId: child, relationship: 'child' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ officeId: nerima, status: 'open', supportLevel: 'support_required', leadWorker: { id: consultant1 }, nextReviewOn: '2026-07-03', accessLevel: 'full' });
    expect(res.body.caseNumber).toMatch(/^R8-\d{4}$/);
    expect(res.body.members).toEqual([expect.objectContaining({ personId: child, relationship: 'child', relationshipLabel: '子' })]);
    const second = await t.post('/api/v1/cases', { token: token.consultant1, body: { label: '次 世帯', supportLevel: 'general', openedOn: '2026-04-03' } });
    expect(Number(second.body.caseNumber.slice(3))).toBe(Number(res.body.caseNumber.slice(3)) + 1);
    const history = await t.get(`/api/v1/cases/${res.body.id}/history`, { token: token.consultant1 });
    expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(['opened']);
    expect(await audits('case.create', res.body.id)).toEqual([expect.objectContaining({ actor_login_id: 'consultant1', outcome: 'success' })]);
  });

  it('only supervisors assign workers; a consultant naming another lead worker is refused', async () => {
    const res = await t.post('/api/v1/cases', { token: token.consultant1, body: { label: 'X 世帯', supportLevel: 'general', leadWorkerId: colleague } });
    expect(res.status).toBe(403);
    const bySupervisor = await t.post('/api/v1/cases', { token: token.supervisor1, body: { label: 'Y 世帯', supportLevel: 'general', leadWorkerId: colleague, coWorkerIds: [consultant1] } });
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.body.leadWorker.id).toBe(colleague);
    expect(bySupervisor.body.coWorkers.map((w: { id: string }) => w.id)).toEqual([consultant1]);
    // A worker of another office cannot be assigned.
    const foreign = await t.post('/api/v1/cases', { token: token.supervisor1, body: { label: 'Z 世帯', supportLevel: 'general', leadWorkerId: consultant2 } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0]).toMatchObject({ field: 'leadWorkerId', code: 'not_case_worker' });
  });

  it("another office's case is 404 on every route, and absent from its search and counts", async () => {
    const theirs = await createCaseWithChild(t.dataSource, { officeId: nukui, leadWorkerId: consultant2, label: '貫井 世帯', child: { nameKana: 'ヌクイ タロウ', nameKanji: '貫井 太郎' } });
    for (const login of ['consultant1', 'supervisor1']) {
      expect((await t.get(`/api/v1/cases/${theirs.id}`, { token: token[login] })).status).toBe(404);
      expect((await t.get(`/api/v1/cases/${theirs.id}/timeline`, { token: token[login] })).status).toBe(404);
      expect((await t.get(`/api/v1/cases/${theirs.id}/history`, { token: token[login] })).status).toBe(404);
      expect((await t.patch(`/api/v1/cases/${theirs.id}`, { token: token[login], body: { label: '奪取', version: 1 } })).status).toBe(404);
      expect((await t.post(`/api/v1/cases/${theirs.id}/notes`, { token: token[login], body: { occurredAt: new Date().toISOString(), contactType: 'phone', text: 'x' } })).status).toBe(404);
      const search = await t.get('/api/v1/cases', { token: token[login], query: { caseNumber: theirs.caseNumber } });
      expect(search.status).toBe(200);
      expect(search.body.items.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
      const byName = await t.get('/api/v1/cases', { token: token[login], query: { name: 'ぬくい' } });
      expect(byName.body.total).toBe(0);
    }
    expect((await t.post(`/api/v1/cases/${theirs.id}/close`, { token: token.supervisor1, body: { reason: '終結', version: 1 } })).status).toBe(404);
    const own = await t.get('/api/v1/cases', { token: token.consultant2, query: { name: 'ぬくい' } });
    expect(own.body.total).toBe(1);
    expect(own.body.items[0]).toMatchObject({ id: theirs.id, members: [expect.objectContaining({ nameKana: 'ヌクイ タロウ' })] });
    // Staff without a case role see no case at all.
    expect((await t.get(`/api/v1/cases/${theirs.id}`, { token: token.liaison })).status).toBe(403);
  });

  it('counts in lists are the counts in scope', async () => {
    const before = (await t.get('/api/v1/cases', { token: token.consultant2, query: { limit: 1 } })).body.total as number;
    await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    await createCaseWithChild(t.dataSource, { officeId: nukui, leadWorkerId: consultant2 });
    const after = await t.get('/api/v1/cases', { token: token.consultant2, query: { limit: 1 } });
    expect(after.body.total).toBe(before + 1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE office_id = $1`, [nukui]);
    expect(after.body.total).toBe(n);
  });

  it('updates with optimistic locking and records the change in the history', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, supportLevel: 'general' });
    const first = await t.patch(`/api/v1/cases/${c.id}`, { token: token.consultant1, body: { label: '新 世帯', supportLevel: 'protection_required', version: 1 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ label: '新 世帯', supportLevel: 'protection_required', version: 2 });
    const stale = await t.patch(`/api/v1/cases/${c.id}`, { token: token.consultant1, body: { label: '古い 世帯', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.code ?? stale.body.type).toMatch(/version-conflict/);
    const unknown = await t.patch(`/api/v1/cases/${c.id}`, { token: token.consultant1, body: { label: 'x', version: 2, status: 'closed' } });
    expect(unknown.status).toBe(400);
    const nulled = await t.patch(`/api/v1/cases/${c.id}`, { token: token.consultant1, body: { label: null, version: 2 } });
    expect(nulled.status).toBe(400);
    const history = await t.get(`/api/v1/cases/${c.id}/history`, { token: token.consultant1 });
    expect(history.body.items[0]).toMatchObject({ kind: 'updated', actorId: consultant1, details: { changed: { label: { from: '試験 世帯', to: '新 世帯' } } } });
  });

  it('members are added and removed, each change in the history', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const mother = await createPerson(t.dataSource, { officeId: nerima, kind: 'guardian', birthDate: '1990-01-01' });
    const added = await t.post(`/api/v1/cases/${c.id}/members`, { token: token.consultant1, body: { personId: mother, relationship: 'mother' } });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: { personId: string }) => m.personId)).toEqual([c.childId, mother]);
    expect((await t.post(`/api/v1/cases/${c.id}/members`, { token: token.consultant1, body: { personId: mother, relationship: 'mother' } })).status).toBe(409);
    const theirPerson = await createPerson(t.dataSource, { officeId: nukui });
    expect((await t.post(`/api/v1/cases/${c.id}/members`, { token: token.consultant1, body: { personId: theirPerson, relationship: 'other' } })).status).toBe(400);
    const removed = await t.request('DELETE', `/api/v1/cases/${c.id}/members/${mother}`, { token: token.consultant1 });
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m: { personId: string }) => m.personId)).toEqual([c.childId]);
    const kinds = (await t.get(`/api/v1/cases/${c.id}/history`, { token: token.consultant1 })).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['member_removed', 'member_added']);
  });

  it('closing needs a supervisor and a reason; a closed case takes no changes until reopened', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    expect((await t.post(`/api/v1/cases/${c.id}/close`, { token: token.consultant1, body: { reason: '支援終了', version: 1 } })).status).toBe(403);
    expect((await t.post(`/api/v1/cases/${c.id}/close`, { token: token.supervisor1, body: { version: 1 } })).status).toBe(400);
    const closed = await t.post(`/api/v1/cases/${c.id}/close`, { token: token.supervisor1, body: { reason: '転居により支援終了', version: 1 } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedReason: '転居により支援終了', nextReviewOn: null, allowedActions: ['reopen'] });
    expect((await audits('case.close', c.id)).map((a: { outcome: string }) => a.outcome)).toEqual(['failure', 'success']);
    expect((await audits('case.close', c.id))[1]).toMatchObject({ actor_login_id: 'supervisor1', outcome: 'success', reason: '転居により支援終了' });

    const again = await t.post(`/api/v1/cases/${c.id}/close`, { token: token.supervisor1, body: { reason: 'もう一度', version: closed.body.version } });
    expect(again.status).toBe(409);
    expect(again.body.allowed).toEqual(['reopen']);
    const note = await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: new Date().toISOString(), contactType: 'phone', text: '終結後の連絡' } });
    expect(note.status).toBe(409);
    expect((await t.patch(`/api/v1/cases/${c.id}`, { token: token.consultant1, body: { label: 'x', version: closed.body.version } })).status).toBe(409);

    expect((await t.post(`/api/v1/cases/${c.id}/reopen`, { token: token.consultant1, body: { reason: '再通告', version: closed.body.version } })).status).toBe(403);
    const reopened = await t.post(`/api/v1/cases/${c.id}/reopen`, { token: token.supervisor1, body: { reason: '再度の通告により再開', version: closed.body.version } });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', closedReason: null });
    expect(reopened.body.nextReviewOn).not.toBeNull();
    const kinds = (await t.get(`/api/v1/cases/${c.id}/history`, { token: token.consultant1 })).body.items.map((e: { kind: string; reason: string }) => [e.kind, e.reason]);
    expect(kinds).toEqual([
      ['reopened', '再度の通告により再開'],
      ['closed', '転居により支援終了'],
    ]);
  });

  it('a closed case is invisible to an unassigned consultant, visible to its lead worker and the supervisors', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: colleague, status: 'closed' });
    expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 })).status).toBe(404);
    expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.supervisor1 })).status).toBe(200);
  });

  it('the supervisor assigns the lead worker and co-workers; consultants cannot', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const body = { leadWorkerId: colleague, coWorkerIds: [consultant1], version: 1 };
    expect((await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.consultant1, body })).status).toBe(403);
    const res = await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.supervisor1, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ leadWorker: { id: colleague }, coWorkers: [{ id: consultant1, displayName: '相談 陽菜' }], version: 2 });
    const clash = await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.supervisor1, body: { leadWorkerId: colleague, coWorkerIds: [colleague], version: 2 } });
    expect(clash.status).toBe(422);
    const unassigned = await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.supervisor1, body: { leadWorkerId: null, coWorkerIds: [], version: 2 } });
    expect(unassigned.body).toMatchObject({ leadWorker: null, coWorkers: [], version: 3 });
    expect((await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.supervisor1, body: { coWorkerIds: [], version: 3 } })).status).toBe(400);
  });

  describe('restricted cases', () => {
    it('only a supervisor restricts; the co-worker and supervisors open it; an unassigned consultant must give a reason first', async () => {
      const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: colleague, supportLevel: 'protection_required', child: { nameKana: 'ヒミツ ハナコ', nameKanji: '秘密 花子' } });
      expect((await t.post(`/api/v1/cases/${c.id}/restrict`, { token: token.consultant1, body: { reason: 'DV加害者が所在を探している', version: 1 } })).status).toBe(403);
      const restricted = await t.post(`/api/v1/cases/${c.id}/restrict`, { token: token.supervisor1, body: { reason: 'DV加害者が所在を探している', version: 1 } });
      expect(restricted.status).toBe(200);
      expect(restricted.body.restricted).toBe(true);

      // consultant1 is neither lead nor co-worker: break-glass required, and the case is not in their lists.
      const denied = await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 });
      expect(denied.status).toBe(403);
      expect(denied.body.type).toMatch(/break-glass-required/);
      expect((await t.get('/api/v1/cases', { token: token.consultant1, query: { name: '秘密' } })).body.total).toBe(0);
      expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { name: 'ひみつ' } })).body.total).toBe(0);
      expect((await t.get(`/api/v1/persons/${c.childId}`, { token: token.consultant1 })).status).toBe(404);
      expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.supervisor1 })).status).toBe(200);
      expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant2 })).status).toBe(404);

      // Made a co-worker, consultant1 opens it without a reason.
      await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.supervisor1, body: { leadWorkerId: colleague, coWorkerIds: [consultant1], version: 2 } });
      expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 })).status).toBe(200);
      expect((await t.get('/api/v1/persons', { token: token.consultant1, query: { name: 'ひみつ' } })).body.total).toBe(1);
      await t.post(`/api/v1/cases/${c.id}/assign`, { token: token.supervisor1, body: { leadWorkerId: colleague, coWorkerIds: [], version: 3 } });
      expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 })).status).toBe(403);

      // Break-glass: a reason is required, then the case opens, and the reason is audited and in the history.
      expect((await t.post(`/api/v1/cases/${c.id}/break-glass`, { token: token.consultant1, body: {} })).status).toBe(400);
      expect((await t.post(`/api/v1/cases/${c.id}/break-glass`, { token: token.consultant1, body: { reason: '短い' } })).status).toBe(400);
      const grant = await t.post(`/api/v1/cases/${c.id}/break-glass`, { token: token.consultant1, body: { reason: '夜間の緊急通告で世帯状況の確認が必要' } });
      expect(grant.status).toBe(200);
      expect(new Date(grant.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 })).status).toBe(200);
      expect((await audits('case.break_glass', c.id)).map((a: { outcome: string }) => a.outcome)).toEqual(['failure', 'failure', 'success']);
      expect((await audits('case.break_glass', c.id))[2]).toMatchObject({ actor_login_id: 'consultant1', outcome: 'success', reason: '夜間の緊急通告で世帯状況の確認が必要' });
      const history = await t.get(`/api/v1/cases/${c.id}/history`, { token: token.supervisor1 });
      expect(history.body.items[0]).toMatchObject({ kind: 'break_glass', actorId: consultant1, reason: '夜間の緊急通告で世帯状況の確認が必要' });
      // Nothing to break for someone who can already open it; nothing to reveal to another office.
      expect((await t.post(`/api/v1/cases/${c.id}/break-glass`, { token: token.supervisor1, body: { reason: '確認のため閲覧する' } })).status).toBe(409);
      expect((await t.post(`/api/v1/cases/${c.id}/break-glass`, { token: token.consultant2, body: { reason: '確認のため閲覧する' } })).status).toBe(404);

      // The grant runs out.
      await t.dataSource.query(`UPDATE case_access_grants SET expires_at = now() - interval '1 second' WHERE case_id = $1`, [c.id]);
      expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 })).status).toBe(403);

      const unrestricted = await t.post(`/api/v1/cases/${c.id}/unrestrict`, { token: token.supervisor1, body: { reason: '加害者の転居を確認', version: 4 } });
      expect(unrestricted.status).toBe(200);
      expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 })).status).toBe(200);
    });
  });

  it('the case audit trail is for supervisors', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 });
    expect((await t.get(`/api/v1/cases/${c.id}/audit-events`, { token: token.consultant1 })).status).toBe(403);
    const trail = await t.get(`/api/v1/cases/${c.id}/audit-events`, { token: token.supervisor1 });
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((e: { action: string; actorLoginId: string }) => `${e.action}:${e.actorLoginId}`)).toContain('case.read:consultant1');
    expect((await t.get(`/api/v1/cases/${c.id}/audit-events`, { token: token.supervisor2 })).status).toBe(404);
    expect(supervisor1).toBeTruthy();
  });
  it("reads the detail's people back field by field: members, co-workers and the offices it is shared with", async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, coWorkerIds: [consultant1], sharedWithOfficeIds: [nukui] });
    const [{ name_kanji: nameKanji, name_kana: nameKana }] = await t.dataSource.query(`SELECT name_kanji, name_kana FROM persons WHERE id = $1`, [c.childId]);
    const detail = (await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 })).body;
    expect({ members: detail.members, coWorkers: detail.coWorkers, sharedWith: detail.sharedWith }).toEqual({
      members: [{ personId: c.childId, relationship: 'child', relationshipLabel: '子', kind: 'child', nameKanji, nameKana, birthDate: '2019-06-01', sex: 'unknown' }],
      coWorkers: [{ id: consultant1, displayName: '相談 陽菜' }],
      sharedWith: [{ officeId: nukui, officeName: expect.stringMatching(/貫井/), reason: 'transfer' }],
    });
  });
});
