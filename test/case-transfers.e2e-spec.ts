import { addDays, todayInJapan } from '../src/common/time/japan-time';
import { createCase, createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';
import { sleep } from './harness/wait';

jest.setTimeout(60_000);

/**
 * Transfer between offices when a family moves: offered by the sending
 * office's supervisor, accepted or declined by the receiving office's
 * supervisor; after acceptance the case, its people and its history belong
 * to the new office and stay readable (not writable) by the old one.
 */
describe('case transfers', () => {
  let t: TestApp;
  let nerima: string;
  let nukui: string;
  let consultant1: string;
  let consultant2: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    consultant1 = await t.userId('consultant1');
    consultant2 = await t.userId('consultant2');
    for (const login of ['consultant1', 'supervisor1', 'consultant2', 'supervisor2', 'supervisor3']) token[login] = await t.login(login);
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves a case to the receiving office on acceptance; the sending office keeps reading its history and audit', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, label: '転居 世帯', child: { nameKana: 'テンキョ ユウ' } });
    await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: new Date().toISOString(), contactType: 'phone', text: '転居予定の連絡あり' } });

    expect((await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.consultant1, body: { toOfficeId: nukui, reason: '貫井地区へ転居' } })).status).toBe(403);
    expect((await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor2, body: { toOfficeId: nukui, reason: '貫井地区へ転居' } })).status).toBe(404);
    expect((await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nerima, reason: '同じ所属' } })).status).toBe(400);
    const offered = await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: '貫井地区へ転居' } });
    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({ status: 'requested', fromOfficeId: nerima, toOfficeId: nukui, previousCaseNumber: c.caseNumber, caseLabel: '転居 世帯', memberCount: 1 });
    expect((await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: 'もう一度' } })).status).toBe(409);

    // Before acceptance the receiving office sees the offer, not the case.
    const incoming = await t.get('/api/v1/case-transfers', { token: token.supervisor2, query: { direction: 'incoming', status: 'requested' } });
    expect(incoming.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: offered.body.id })] });
    expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.supervisor2 })).status).toBe(404);
    expect((await t.get(`/api/v1/case-transfers/${offered.body.id}`, { token: token.supervisor3 })).status).toBe(404);
    expect((await t.get('/api/v1/case-transfers', { token: token.supervisor3 })).body.total).toBe(0);
    const detail = await t.get(`/api/v1/cases/${c.id}`, { token: token.supervisor1 });
    expect(detail.body.pendingTransfer).toMatchObject({ id: offered.body.id, status: 'requested' });
    expect(detail.body.allowedActions).not.toContain('transfer');

    // Only the receiving side decides; the lead worker must be one of theirs.
    expect((await t.post(`/api/v1/case-transfers/${offered.body.id}/accept`, { token: token.supervisor1, body: {} })).status).toBe(403);
    expect((await t.post(`/api/v1/case-transfers/${offered.body.id}/accept`, { token: token.supervisor2, body: { leadWorkerId: consultant1 } })).status).toBe(422);
    // The receiving office already has cases of its own this year, so the case gets a number different from its old one.
    await createCase(t.dataSource, { officeId: nukui });
    await createCase(t.dataSource, { officeId: nukui });
    const accepted = await t.post(`/api/v1/case-transfers/${offered.body.id}/accept`, { token: token.supervisor2, body: { leadWorkerId: consultant2, comment: '受理します' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', newCaseNumber: expect.stringMatching(/^R\d+-\d{4}$/) });
    expect((await t.post(`/api/v1/case-transfers/${offered.body.id}/accept`, { token: token.supervisor2, body: {} })).status).toBe(409);

    const theirs = await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant2 });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ officeId: nukui, caseNumber: accepted.body.newCaseNumber, leadWorker: { id: consultant2 }, accessLevel: 'full', sharedWith: [expect.objectContaining({ officeId: nerima, reason: 'transfer' })] });
    expect((await t.get('/api/v1/persons', { token: token.consultant2, query: { name: 'てんきょ' } })).body.total).toBe(1);

    // The sending office reads the case, its history, its notes and its audit trail, but writes nothing.
    const ours = await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 });
    expect(ours.status).toBe(200);
    expect(ours.body).toMatchObject({ accessLevel: 'read_only', allowedActions: [] });
    expect((await t.patch(`/api/v1/cases/${c.id}`, { token: token.consultant1, body: { label: 'x', version: ours.body.version } })).status).toBe(403);
    expect((await t.post(`/api/v1/cases/${c.id}/notes`, { token: token.consultant1, body: { occurredAt: new Date().toISOString(), contactType: 'phone', text: 'x' } })).status).toBe(403);
    const history = await t.get(`/api/v1/cases/${c.id}/history`, { token: token.consultant1 });
    expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(['transfer_accepted', 'transfer_requested']);
    expect(history.body.items[0].details).toMatchObject({ previousCaseNumber: c.caseNumber, newCaseNumber: accepted.body.newCaseNumber });
    const timeline = await t.get(`/api/v1/cases/${c.id}/timeline`, { token: token.consultant1, query: { sources: 'case_note' } });
    expect(timeline.body.items.map((e: { summary: string }) => e.summary)).toEqual(['転居予定の連絡あり']);
    for (const login of ['supervisor1', 'supervisor2']) {
      const trail = await t.get(`/api/v1/cases/${c.id}/audit-events`, { token: token[login] });
      expect(trail.status).toBe(200);
      expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['case.note_create', 'case_transfer.request', 'case_transfer.accept']));
    }
    // Search: the case counts for the new office; the old one finds it through the share.
    // (Case numbers are per office: the same number may also belong to a case of the searching office.)
    const found = async (login: string, caseNumber: string) => (await t.get('/api/v1/cases', { token: token[login], query: { caseNumber } })).body.items.map((x: { id: string }) => x.id);
    expect(await found('consultant2', accepted.body.newCaseNumber)).toEqual([c.id]);
    expect(await found('consultant1', accepted.body.newCaseNumber)).toContain(c.id);
    expect(await found('consultant1', c.caseNumber)).not.toContain(c.id);
    expect((await t.get('/api/v1/case-transfers', { token: token.supervisor1, query: { direction: 'outgoing' } })).body.items[0]).toMatchObject({ status: 'accepted' });
  });

  it("a visit plan follows the case: the receiving office's lead worker is responsible and gets its reminder", async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const plan = await t.post('/api/v1/watch-visit-plans', { token: token.consultant1, body: { caseId: c.id, frequency: 'monthly', startOn: addDays(todayInJapan(), 20), purpose: '見守り' } });
    expect(plan.status).toBe(201);
    const offered = await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: '転居' } });
    expect((await t.post(`/api/v1/case-transfers/${offered.body.id}/accept`, { token: token.supervisor2, body: { leadWorkerId: consultant2 } })).status).toBe(200);

    const moved = await t.get(`/api/v1/watch-visit-plans/${plan.body.id}`, { token: token.consultant2 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ responsibleWorkerId: consultant2, nextDueOn: plan.body.nextDueOn });
    const due: Array<{ stage: string; office_id: string; recipients: unknown[] }> = await t.dataSource.query(
      `SELECT stage, office_id, recipients FROM reminders WHERE key = $1 AND state = 'scheduled' ORDER BY stage`,
      [`watch_visit.due:${plan.body.id}`],
    );
    expect(due).toEqual([
      { stage: 'due', office_id: nukui, recipients: [{ kind: 'user', userId: consultant2 }] },
      { stage: 'escalation', office_id: nukui, recipients: [{ kind: 'office_role', officeId: nukui, role: 'supervisor' }] },
    ]);
  });

  it('a declined or withdrawn transfer leaves the case where it was', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const offer = async () => (await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: '転居の可能性' } })).body;
    const first = await offer();
    expect((await t.post(`/api/v1/case-transfers/${first.id}/decline`, { token: token.supervisor2, body: {} })).status).toBe(400);
    const declined = await t.post(`/api/v1/case-transfers/${first.id}/decline`, { token: token.supervisor2, body: { comment: '転居先が当所管外' } });
    expect(declined.body).toMatchObject({ status: 'declined', decisionComment: '転居先が当所管外' });
    const second = await offer();
    expect((await t.post(`/api/v1/case-transfers/${second.id}/cancel`, { token: token.supervisor2, body: { comment: '取下げ' } })).status).toBe(403);
    expect((await t.post(`/api/v1/case-transfers/${second.id}/cancel`, { token: token.supervisor1, body: { comment: '転居が中止になった' } })).body.status).toBe('cancelled');
    const still = await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant1 });
    expect(still.body).toMatchObject({ officeId: nerima, caseNumber: c.caseNumber, accessLevel: 'full', sharedWith: [], pendingTransfer: null });
    expect((await t.get(`/api/v1/cases/${c.id}`, { token: token.consultant2 })).status).toBe(404);
    const kinds = (await t.get(`/api/v1/cases/${c.id}/history`, { token: token.supervisor1 })).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['transfer_cancelled', 'transfer_requested', 'transfer_declined', 'transfer_requested']);
  });
  it('a case closed after it was offered is not handed over: the acceptance is refused and the case stays', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const offered = await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: '貫井地区へ転居' } });
    expect(offered.status).toBe(201);
    const current = await t.get(`/api/v1/cases/${c.id}`, { token: token.supervisor1 });
    expect((await t.post(`/api/v1/cases/${c.id}/close`, { token: token.supervisor1, body: { reason: '転居により支援終了', version: current.body.version } })).status).toBe(200);
    const accepted = await t.post(`/api/v1/case-transfers/${offered.body.id}/accept`, { token: token.supervisor2, body: {} });
    expect(accepted.status).toBe(409);
    const [row] = await t.dataSource.query(`SELECT office_id, case_number, status FROM cases WHERE id = $1`, [c.id]);
    expect(row).toMatchObject({ office_id: nerima, case_number: c.caseNumber, status: 'closed' });
    // The receiving office can still decline the offer.
    expect((await t.post(`/api/v1/case-transfers/${offered.body.id}/decline`, { token: token.supervisor2, body: { comment: '終結済みのため' } })).status).toBe(200);
  });

  it('a change waiting for the case while its transfer is accepted is judged on the case as the acceptance left it', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1 });
    const child = (await t.get(`/api/v1/cases/${c.id}`, { token: token.supervisor1 })).body.members[0].personId;
    // The acceptance, held open: the case already belongs to 貫井, not yet committed.
    const accepting = t.dataSource.createQueryRunner();
    await accepting.connect();
    await accepting.startTransaction();
    try {
      await accepting.query(`UPDATE cases SET office_id = $2, lead_worker_id = $3, version = version + 1 WHERE id = $1`, [c.id, nukui, consultant2]);
      // 練馬's supervisor offers it elsewhere, and its consultant removes a member, meanwhile: both wait for the case.
      const offer = t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: await t.officeId('HC-TOYOTAMA'), reason: '別の所属へ' } });
      const removal = t.request('DELETE', `/api/v1/cases/${c.id}/members/${child}`, { token: token.consultant1 });
      await sleep(300);
      await accepting.commitTransaction();
      // 練馬 no longer holds (nor reads) the case: neither goes through on the check read before the move.
      expect((await offer).status).toBe(404);
      expect((await removal).status).toBe(404);
    } finally {
      if (accepting.isTransactionActive) await accepting.rollbackTransaction();
      await accepting.release();
    }
    const transfers = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_transfers WHERE case_id = $1`, [c.id]);
    expect(transfers[0].n).toBe(0);
    const members = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_members WHERE case_id = $1`, [c.id]);
    expect(members[0].n).toBe(1);
  });

  it('lists transfers by direction and status, newest first, in keyset pages with the same total', async () => {
    const offered: string[] = [];
    for (const label of ['一覧 A', '一覧 B', '一覧 C']) {
      const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1, label });
      offered.push((await t.post(`/api/v1/cases/${c.id}/transfers`, { token: token.supervisor1, body: { toOfficeId: nukui, reason: '転居' } })).body.id);
    }
    await t.post(`/api/v1/case-transfers/${offered[0]}/decline`, { token: token.supervisor2, body: { comment: '管外のため' } });

    const pages = async (login: string, query: Record<string, string>) => {
      const seen: Array<{ id: string; status: string; fromOfficeId: string; toOfficeId: string }> = [];
      const totals: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.get('/api/v1/case-transfers', { token: token[login], query: { ...query, limit: '1', ...(cursor ? { cursor } : {}) } });
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        totals.push(page.body.total);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(totals)).toEqual(new Set([seen.length]));
      return seen;
    };
    const requested = await pages('supervisor2', { direction: 'incoming', status: 'requested' });
    expect(requested.every((x) => x.status === 'requested' && x.toOfficeId === nukui)).toBe(true);
    // Newest first: the two offers still open, the later one ahead.
    expect(requested.map((x) => x.id).filter((id) => offered.includes(id))).toEqual([offered[2], offered[1]]);
    const declined = await pages('supervisor2', { status: 'declined' });
    expect(declined.map((x) => x.id)).toContain(offered[0]);
    expect(declined.every((x) => x.status === 'declined')).toBe(true);
    const outgoing = await pages('supervisor1', { direction: 'outgoing' });
    expect(outgoing.every((x) => x.fromOfficeId === nerima)).toBe(true);
    expect(offered.every((id) => outgoing.some((x) => x.id === id))).toBe(true);
    expect(await pages('supervisor1', { direction: 'incoming', status: 'requested' })).toEqual(requested.filter((x) => x.toOfficeId === nerima));
  });
});
