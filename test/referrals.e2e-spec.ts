import { ReferralAction, ReferralState } from '../src/modules/referrals/referral.enums';
import { createCase, createPerson } from './factories/casework';
import { seed } from '../seeds/seed';
import { DEMO_PASSWORD, TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { sleep, waitFor } from './harness/wait';
import { answerOverdueAt, reviewOverdueAt } from '../src/modules/referrals/referral-reminder-times';

/**
 * 送致: the whole state machine over HTTP, who may take each step, scope
 * (another office sees nothing; the liaison sees only what passed review),
 * the review queue and thread, and the 送致書.
 */
describe('referrals (送致)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let nerima: string;
  let nukui: string;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start({ demoRecords: true });
    worker = await TestWorker.start(t.config);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    // A second consultant and a second supervisor at 練馬, to test "only the author" and "not their own".
    await t.dataSource.query(
      `INSERT INTO users (login_id, display_name, office_id, roles, password_hash)
       SELECT u.login, u.name, $1, u.roles::user_role[], (SELECT password_hash FROM users WHERE login_id = 'consultant1')
         FROM (VALUES ('consultant1b', '相談 次郎', '{consultant}'), ('supervisor1b', '係長 三郎', '{supervisor}')) AS u(login, name, roles)`,
      [nerima],
    );
    for (const login of ['consultant1', 'consultant1b', 'supervisor1', 'supervisor1b', 'consultant2', 'supervisor2', 'liaison', 'nurse1']) {
      token[login] = await t.login(login);
      id[login] = await t.userId(login);
    }
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function family(officeId = nerima, leadWorkerId = id.consultant1): Promise<{ caseId: string; childId: string; motherId: string }> {
    const childId = await createPerson(t.dataSource, { officeId, kind: 'child', nameKanji: '練馬 一郎', nameKana: 'ネリマ イチロウ', birthDate: '2019-06-01', sex: 'male' });
    const motherId = await createPerson(t.dataSource, { officeId, kind: 'guardian', nameKanji: '練馬 花子', nameKana: 'ネリマ ハナコ', birthDate: '1990-01-15', sex: 'female' });
    const kase = await createCase(t.dataSource, {
      officeId,
      leadWorkerId,
      supportLevel: 'protection_required',
      members: [
        { personId: childId, relationship: 'child' },
        { personId: motherId, relationship: 'mother' },
      ],
    });
    return { caseId: kase.id, childId, motherId };
  }

  function content(f: { caseId: string; childId: string; motherId: string }, overrides: Record<string, unknown> = {}) {
    return {
      caseId: f.caseId,
      urgency: 'b',
      legalBasis: 'measures',
      requestedMeasures: ['temporary_protection'],
      reason: '顔面に複数のあざを確認。本児は帰宅を拒んでいる。',
      supportHistory: '令和7年4月から見守り訪問を継続。',
      riskSummary: '再発のおそれが高い。',
      latestAssessment: '東京都共通リスクアセスメントシートで重度。',
      latestAssessmentOn: '2026-04-10',
      requestDetails: '一時保護の検討をお願いしたい。',
      attachments: [{ title: 'リスクアセスメントシート', note: '写し1部' }],
      childIds: [f.childId],
      guardianIds: [f.motherId],
      ...overrides,
    };
  }

  async function draft(overrides: Record<string, unknown> = {}, author = 'consultant1'): Promise<{ id: string; caseId: string }> {
    const f = await family();
    const res = await t.post('/api/v1/referrals', { token: token[author], body: content(f, overrides) });
    expect(res.status).toBe(201);
    return { id: res.body.id, caseId: f.caseId };
  }

  const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

  /** A valid body for each action, so a refusal can only come from the state or the actor. */
  const bodies: Record<ReferralAction, Record<string, unknown>> = {
    [ReferralAction.Submit]: {},
    [ReferralAction.Approve]: {},
    [ReferralAction.Return]: { comment: '理由をもう少し具体的に。' },
    [ReferralAction.Revise]: {},
    [ReferralAction.Send]: { sentOn: today(), method: 'hand_delivery', centreContact: '児童福祉司 田中' },
    [ReferralAction.Accept]: { answeredOn: today(), centreCaseNumber: '児セ8-0001' },
    [ReferralAction.Decline]: { answeredOn: today(), reason: '区での在宅支援が適当' },
    [ReferralAction.Close]: { reason: '対応終了' },
    [ReferralAction.Withdraw]: { reason: '起案の誤り' },
  };
  /** Who takes each step in the tests (any permitted actor would do). */
  const actorFor: Record<ReferralAction, string> = {
    [ReferralAction.Submit]: 'consultant1',
    [ReferralAction.Approve]: 'supervisor1',
    [ReferralAction.Return]: 'supervisor1',
    [ReferralAction.Revise]: 'consultant1',
    [ReferralAction.Send]: 'consultant1',
    [ReferralAction.Accept]: 'liaison',
    [ReferralAction.Decline]: 'liaison',
    [ReferralAction.Close]: 'consultant1',
    [ReferralAction.Withdraw]: 'consultant1',
  };
  const act = (referralId: string, action: ReferralAction, as = actorFor[action], body = bodies[action]) =>
    t.post(`/api/v1/referrals/${referralId}/${action}`, { token: token[as], body });

  /** Paths from draft to each state. */
  const pathTo: Record<ReferralState, ReferralAction[]> = {
    [ReferralState.Draft]: [],
    [ReferralState.Submitted]: [ReferralAction.Submit],
    [ReferralState.Returned]: [ReferralAction.Submit, ReferralAction.Return],
    [ReferralState.Approved]: [ReferralAction.Submit, ReferralAction.Approve],
    [ReferralState.Sent]: [ReferralAction.Submit, ReferralAction.Approve, ReferralAction.Send],
    [ReferralState.Accepted]: [ReferralAction.Submit, ReferralAction.Approve, ReferralAction.Send, ReferralAction.Accept],
    [ReferralState.Declined]: [ReferralAction.Submit, ReferralAction.Approve, ReferralAction.Send, ReferralAction.Decline],
    [ReferralState.Closed]: [ReferralAction.Submit, ReferralAction.Approve, ReferralAction.Send, ReferralAction.Accept, ReferralAction.Close],
  };
  const allowedFrom: Record<ReferralState, ReferralAction[]> = {
    [ReferralState.Draft]: [ReferralAction.Submit, ReferralAction.Withdraw],
    [ReferralState.Submitted]: [ReferralAction.Approve, ReferralAction.Return],
    [ReferralState.Returned]: [ReferralAction.Revise, ReferralAction.Withdraw],
    [ReferralState.Approved]: [ReferralAction.Send],
    [ReferralState.Sent]: [ReferralAction.Accept, ReferralAction.Decline],
    [ReferralState.Accepted]: [ReferralAction.Close],
    [ReferralState.Declined]: [ReferralAction.Close],
    [ReferralState.Closed]: [],
  };

  async function referralIn(state: ReferralState): Promise<string> {
    const { id: referralId } = await draft();
    for (const action of pathTo[state]) {
      const res = await act(referralId, action);
      expect({ action, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ action, status: 200, body: undefined });
    }
    return referralId;
  }

  describe('drafting', () => {
    it('creates a draft with the children and guardians of the case, snapshotted', async () => {
      const f = await family();
      const res = await t.post('/api/v1/referrals', { token: token.consultant1, body: content(f, { urgency: 'a' }) });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'draft',
        stateLabel: '起案中',
        urgency: 'a',
        urgent: true,
        authorId: id.consultant1,
        officeId: nerima,
        caseId: f.caseId,
        legalBasis: 'measures',
        requestedMeasureLabels: ['一時保護'],
        allowedActions: ['edit', 'submit', 'withdraw'],
        attachments: [{ title: 'リスクアセスメントシート', note: '写し1部' }],
      });
      expect(res.body.children).toEqual([expect.objectContaining({ personId: f.childId, nameKanji: '練馬 一郎', relationship: 'child', birthDate: '2019-06-01' })]);
      expect(res.body.guardians).toEqual([expect.objectContaining({ personId: f.motherId, relationshipLabel: '母' })]);
      const history = await t.get(`/api/v1/referrals/${res.body.id}/history`, { token: token.consultant1 });
      expect(history.body.items).toEqual([expect.objectContaining({ action: 'create', fromState: null, toState: 'draft', actorId: id.consultant1 })]);
    });

    it('refuses children and guardians who are not members of the case, and unknown fields', async () => {
      const f = await family();
      const stranger = await createPerson(t.dataSource, { officeId: nerima });
      const notMember = await t.post('/api/v1/referrals', { token: token.consultant1, body: content(f, { childIds: [stranger] }) });
      expect(notMember.status).toBe(400);
      expect(notMember.body.errors).toEqual([expect.objectContaining({ field: 'childIds[0]', code: 'not_a_case_member' })]);
      const swapped = await t.post('/api/v1/referrals', { token: token.consultant1, body: content(f, { childIds: [f.motherId], guardianIds: [f.childId] }) });
      expect(swapped.status).toBe(400);
      expect(swapped.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['not_a_child', 'not_a_guardian']);
      const unknown = await t.post('/api/v1/referrals', { token: token.consultant1, body: { ...content(f), state: 'approved' } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'state', code: 'unknown_field' })]));
      const nullUrgency = await t.post('/api/v1/referrals', { token: token.consultant1, body: { ...content(f), urgency: null } });
      expect(nullUrgency.status).toBe(400);
    });

    it('only the author edits a draft, with the version they loaded', async () => {
      const { id: referralId } = await draft();
      const colleague = await t.patch(`/api/v1/referrals/${referralId}`, { token: token.consultant1b, body: { reason: '書き換え', version: 1 } });
      expect(colleague.status).toBe(403);
      const boss = await t.patch(`/api/v1/referrals/${referralId}`, { token: token.supervisor1, body: { reason: '書き換え', version: 1 } });
      expect(boss.status).toBe(403);
      const edited = await t.patch(`/api/v1/referrals/${referralId}`, { token: token.consultant1, body: { reason: '追記した理由', urgency: 'c', version: 1 } });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ reason: '追記した理由', urgency: 'c', version: 2 });
      const stale = await t.patch(`/api/v1/referrals/${referralId}`, { token: token.consultant1, body: { reason: '古い版から', version: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('version-conflict');
      const cleared = await t.patch(`/api/v1/referrals/${referralId}`, { token: token.consultant1, body: { guardianIds: [], version: 2 } });
      expect(cleared.status).toBe(200);
      expect(cleared.body.guardians).toEqual([]);
      expect(cleared.body.version).toBe(3);
      // Fields left out of a PATCH keep their values.
      expect(cleared.body).toMatchObject({ reason: '追記した理由', urgency: 'c', legalBasis: 'measures', requestedMeasures: ['temporary_protection'] });
      expect(cleared.body.attachments).toHaveLength(1);
    });

    it('cannot be drafted for a case out of scope or closed', async () => {
      const other = await family(nukui, id.consultant2);
      const res = await t.post('/api/v1/referrals', { token: token.consultant1, body: content(other) });
      expect(res.status).toBe(404);
      const closed = await createCase(t.dataSource, { officeId: nerima, leadWorkerId: id.consultant1, status: 'closed' });
      const onClosed = await t.post('/api/v1/referrals', { token: token.consultant1, body: { caseId: closed.id, urgency: 'c' } });
      expect(onClosed.status).toBe(422);
    });

    it('refuses to submit an incomplete draft, naming what is missing', async () => {
      const f = await family();
      const created = await t.post('/api/v1/referrals', { token: token.consultant1, body: { caseId: f.caseId, urgency: 'c' } });
      expect(created.status).toBe(201);
      const res = await act(created.body.id, ReferralAction.Submit);
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['childIds', 'latestAssessment', 'latestAssessmentOn', 'legalBasis', 'reason', 'requestedMeasures', 'riskSummary', 'supportHistory'].sort(),
      );
      expect((await t.get(`/api/v1/referrals/${created.body.id}`, { token: token.consultant1 })).body.state).toBe('draft');
    });
  });

  describe('the state machine over HTTP', () => {
    it('walks draft → submitted → approved → sent → accepted → closed, recording who, when and why', async () => {
      const { id: referralId } = await draft();
      // A step without anything to say needs no body at all.
      const submitted = await t.post(`/api/v1/referrals/${referralId}/submit`, { token: token.consultant1 });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ state: 'submitted', submissionCount: 1 });
      const approved = await act(referralId, ReferralAction.Approve, 'supervisor1', { comment: '承認します。' });
      expect(approved.body).toMatchObject({ state: 'approved', approvedBy: id.supervisor1, approverName: '係長 早苗' });
      const sent = await act(referralId, ReferralAction.Send);
      expect(sent.body).toMatchObject({ state: 'sent', sentOn: today(), sendMethod: 'hand_delivery', centreName: '東京都児童相談センター', centreContact: '児童福祉司 田中' });
      const accepted = await act(referralId, ReferralAction.Accept);
      expect(accepted.body).toMatchObject({ state: 'accepted', centreCaseNumber: '児セ8-0001', answeredOn: today() });
      const closed = await act(referralId, ReferralAction.Close);
      expect(closed.body).toMatchObject({ state: 'closed', closeReason: '対応終了', allowedActions: [] });

      const history = await t.get(`/api/v1/referrals/${referralId}/history`, { token: token.supervisor1 });
      expect(history.body.items.map((e: { action: string; fromState: string; toState: string; actorId: string }) => [e.action, e.fromState, e.toState, e.actorId])).toEqual([
        ['create', null, 'draft', id.consultant1],
        ['submit', 'draft', 'submitted', id.consultant1],
        ['approve', 'submitted', 'approved', id.supervisor1],
        ['send', 'approved', 'sent', id.consultant1],
        ['accept', 'sent', 'accepted', id.liaison],
        ['close', 'accepted', 'closed', id.consultant1],
      ]);
      expect(history.body.items[2].comment).toBe('承認します。');
      expect(history.body.items.every((e: { occurredAt: string }) => !Number.isNaN(Date.parse(e.occurredAt)))).toBe(true);
    });

    it('walks sent → declined (with the reason) → closed', async () => {
      const referralId = await referralIn(ReferralState.Declined);
      const res = await t.get(`/api/v1/referrals/${referralId}`, { token: token.consultant1 });
      expect(res.body).toMatchObject({ state: 'declined', declineReason: '区での在宅支援が適当' });
      expect((await act(referralId, ReferralAction.Close, 'supervisor1')).body.state).toBe('closed');
    });

    it('withdraws a draft, and a returned referral', async () => {
      const draftId = await referralIn(ReferralState.Draft);
      expect((await act(draftId, ReferralAction.Withdraw)).body).toMatchObject({ state: 'closed', closeReason: '起案の誤り' });
      const returnedId = await referralIn(ReferralState.Returned);
      expect((await act(returnedId, ReferralAction.Withdraw, 'supervisor1')).body.state).toBe('closed');
    });

    it('refuses every illegal transition from every state with 409 and the allowed actions', async () => {
      const failures: string[] = [];
      for (const state of Object.values(ReferralState)) {
        const referralId = await referralIn(state);
        for (const action of Object.values(ReferralAction)) {
          if (allowedFrom[state].includes(action)) continue;
          // Someone who can see the referral in every state and may take the step when it is legal.
          const res = await act(referralId, action, action === ReferralAction.Approve || action === ReferralAction.Return ? 'supervisor1' : 'consultant1');
          if (res.status !== 409 || res.body.code !== 'invalid-state-transition' || JSON.stringify(res.body.allowed) !== JSON.stringify(allowedFrom[state])) {
            failures.push(`${state} --${action}--> ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
        const after = await t.get(`/api/v1/referrals/${referralId}`, { token: token.consultant1 });
        expect(after.body.state).toBe(state);
        if (state !== ReferralState.Draft) {
          const edit = await t.patch(`/api/v1/referrals/${referralId}`, { token: token.consultant1, body: { reason: 'x', version: after.body.version } });
          if (edit.status !== 409 || edit.body.code !== 'invalid-state-transition') failures.push(`${state} --edit--> ${edit.status}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('review', () => {
    it('a supervisor cannot approve or return their own referral', async () => {
      const { id: referralId } = await draft({}, 'supervisor1');
      expect((await act(referralId, ReferralAction.Submit, 'supervisor1')).status).toBe(200);
      const approve = await act(referralId, ReferralAction.Approve, 'supervisor1');
      expect(approve.status).toBe(403);
      expect(approve.body.detail).toContain('themselves');
      expect((await act(referralId, ReferralAction.Return, 'supervisor1')).status).toBe(403);
      const queue = await t.get('/api/v1/referrals/review-queue', { token: token.supervisor1, query: { limit: 200 } });
      expect(queue.body.items.find((i: { id: string }) => i.id === referralId)).toMatchObject({ canReview: false });
      // Another supervisor of the office may.
      expect((await act(referralId, ReferralAction.Approve, 'supervisor1b')).body).toMatchObject({ state: 'approved', approvedBy: id.supervisor1b });
    });

    it('a consultant cannot approve or return (403), not even one of the office', async () => {
      const referralId = await referralIn(ReferralState.Submitted);
      expect((await act(referralId, ReferralAction.Approve, 'consultant1b')).status).toBe(403);
      expect((await act(referralId, ReferralAction.Return, 'consultant1')).status).toBe(403);
      expect((await act(referralId, ReferralAction.Approve, 'liaison')).status).toBe(403);
      expect((await t.get(`/api/v1/referrals/${referralId}`, { token: token.consultant1 })).body.state).toBe('submitted');
    });

    it('returned with comments: the author sees them, revises, resubmits, and it is approved', async () => {
      const referralId = await referralIn(ReferralState.Submitted);
      const returned = await act(referralId, ReferralAction.Return, 'supervisor1', { comment: '支援経過に直近の訪問結果を追記してください。' });
      expect(returned.body).toMatchObject({ state: 'returned', stateLabel: '差戻し' });

      const asAuthor = await t.get(`/api/v1/referrals/${referralId}`, { token: token.consultant1 });
      expect(asAuthor.body.allowedActions).toEqual(['revise', 'withdraw']);
      const thread = await t.get(`/api/v1/referrals/${referralId}/comments`, { token: token.consultant1 });
      expect(thread.body.items).toEqual([expect.objectContaining({ kind: 'return', kindLabel: '差戻し理由', body: '支援経過に直近の訪問結果を追記してください。', authorId: id.supervisor1 })]);

      const blocked = await t.patch(`/api/v1/referrals/${referralId}`, { token: token.consultant1, body: { supportHistory: 'x', version: asAuthor.body.version } });
      expect(blocked.status).toBe(409);
      expect(blocked.body.allowed).toEqual(['revise', 'withdraw']);
      expect((await act(referralId, ReferralAction.Revise, 'consultant1b')).status).toBe(403);
      const revised = await act(referralId, ReferralAction.Revise);
      expect(revised.body.state).toBe('draft');
      const edited = await t.patch(`/api/v1/referrals/${referralId}`, {
        token: token.consultant1,
        body: { supportHistory: '令和7年4月から見守り訪問を継続。5月8日の訪問で新たなあざを確認。', version: revised.body.version },
      });
      expect(edited.status).toBe(200);
      const reply = await t.post(`/api/v1/referrals/${referralId}/comments`, { token: token.consultant1, body: { body: '追記しました。' } });
      expect(reply.status).toBe(201);
      const resubmitted = await act(referralId, ReferralAction.Submit);
      expect(resubmitted.body).toMatchObject({ state: 'submitted', submissionCount: 2 });
      const queue = await t.get('/api/v1/referrals/review-queue', { token: token.supervisor1, query: { limit: 200 } });
      expect(queue.body.items.find((i: { id: string }) => i.id === referralId)).toMatchObject({ resubmitted: true });
      const approved = await act(referralId, ReferralAction.Approve);
      expect(approved.body).toMatchObject({ state: 'approved', supportHistory: '令和7年4月から見守り訪問を継続。5月8日の訪問で新たなあざを確認。' });

      const fullThread = await t.get(`/api/v1/referrals/${referralId}/comments`, { token: token.supervisor1 });
      expect(fullThread.body.items.map((c: { kind: string; body: string }) => [c.kind, c.body])).toEqual([
        ['return', '支援経過に直近の訪問結果を追記してください。'],
        ['comment', '追記しました。'],
      ]);
      const history = await t.get(`/api/v1/referrals/${referralId}/history`, { token: token.consultant1 });
      expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'return', 'revise', 'submit', 'approve']);
      expect(history.body.items[2]).toMatchObject({ actorId: id.supervisor1, comment: '支援経過に直近の訪問結果を追記してください。' });
    });

    it('the queue lists the office\'s submitted referrals, most urgent first then oldest, with keyset pages', async () => {
      const mine: Record<string, string> = {};
      for (const [name, urgency] of [['c-old', 'c'], ['b', 'b'], ['aa', 'aa'], ['c-new', 'c'], ['a', 'a']] as const) {
        const { id: referralId } = await draft({ urgency });
        expect((await act(referralId, ReferralAction.Submit)).status).toBe(200);
        mine[name] = referralId;
      }
      // Back-date the old one: it waited longest.
      await t.dataSource.query(`UPDATE referrals SET submitted_at = submitted_at - interval '10 days' WHERE id = $1`, [mine['c-old']]);
      const other = await family(nukui, id.consultant2);
      const otherDraft = await t.post('/api/v1/referrals', { token: token.consultant2, body: content(other, { urgency: 'aa' }) });
      expect((await act(otherDraft.body.id, ReferralAction.Submit, 'consultant2')).status).toBe(200);

      const seen: Array<{ id: string; urgency: string; daysWaiting: number; overdue: boolean }> = [];
      let cursor: string | undefined;
      do {
        const page = await t.get('/api/v1/referrals/review-queue', { token: token.supervisor1, query: { limit: 2, cursor } });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const ids = seen.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).not.toContain(otherDraft.body.id);
      const order = ['aa', 'a', 'b', 'c-old', 'c-new'].map((k) => ids.indexOf(mine[k]));
      expect(order.every((pos) => pos >= 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
      const urgencies = seen.map((i) => i.urgency);
      expect([...urgencies].sort()).toEqual(urgencies.slice().sort());
      const old = seen.find((i) => i.id === mine['c-old'])!;
      expect(old.daysWaiting).toBe(10);
      expect(old.overdue).toBe(true);
      expect(seen.find((i) => i.id === mine.aa)).toMatchObject({ daysWaiting: 0, overdue: false });

      const consultant = await t.get('/api/v1/referrals/review-queue', { token: token.consultant1 });
      expect(consultant.status).toBe(403);
      const nukuiQueue = await t.get('/api/v1/referrals/review-queue', { token: token.supervisor2 });
      expect(nukuiQueue.body.items.map((i: { id: string }) => i.id)).toEqual([otherDraft.body.id]);
    });
  });

  describe('scope', () => {
    it('another office can neither see nor act on a referral (404), nor list it', async () => {
      const referralId = await referralIn(ReferralState.Submitted);
      for (const who of ['consultant2', 'supervisor2', 'nurse1']) {
        expect((await t.get(`/api/v1/referrals/${referralId}`, { token: token[who] })).status).toBe(404);
        expect((await t.get(`/api/v1/referrals/${referralId}/comments`, { token: token[who] })).status).toBe(404);
        expect((await t.get(`/api/v1/referrals/${referralId}/history`, { token: token[who] })).status).toBe(404);
        expect((await t.post(`/api/v1/referrals/${referralId}/comments`, { token: token[who], body: { body: 'x' } })).status).toBe(404);
        const list = await t.get('/api/v1/referrals', { token: token[who], query: { limit: 200 } });
        expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(referralId);
      }
      expect((await act(referralId, ReferralAction.Approve, 'supervisor2')).status).toBe(404);
      expect((await act(referralId, ReferralAction.Return, 'supervisor2')).status).toBe(404);
      expect((await t.get(`/api/v1/referrals/${referralId}`, { token: token.consultant1 })).body.state).toBe('submitted');
    });

    it('a shared case does not widen: the office it is shared with still cannot see its referrals', async () => {
      const { id: referralId, caseId } = await draft();
      await t.dataSource.query(`INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'transfer')`, [caseId, nukui]);
      expect((await t.get(`/api/v1/referrals/${referralId}`, { token: token.supervisor2 })).status).toBe(404);
    });

    it('the liaison sees referrals only once approved, and records sending and the answer', async () => {
      const referralId = await referralIn(ReferralState.Submitted);
      expect((await t.get(`/api/v1/referrals/${referralId}`, { token: token.liaison })).status).toBe(404);
      let list = await t.get('/api/v1/referrals', { token: token.liaison, query: { limit: 200 } });
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(referralId);
      expect((await act(referralId, ReferralAction.Approve)).status).toBe(200);
      const seen = await t.get(`/api/v1/referrals/${referralId}`, { token: token.liaison });
      expect(seen.status).toBe(200);
      expect(seen.body.allowedActions).toEqual(['send']);
      list = await t.get('/api/v1/referrals', { token: token.liaison, query: { limit: 200 } });
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(referralId);
      expect((await act(referralId, ReferralAction.Send, 'liaison')).body.state).toBe('sent');
      expect((await act(referralId, ReferralAction.Decline, 'liaison')).body.state).toBe('declined');
      expect((await act(referralId, ReferralAction.Close, 'liaison')).status).toBe(403);
      // The liaison sees the referral, never the case it hangs off.
      const caseLevel = await t.dataSource.query(`SELECT case_id FROM referrals WHERE id = $1`, [referralId]);
      expect(caseLevel[0].case_id).toBeDefined();
      expect((await t.patch(`/api/v1/referrals/${referralId}`, { token: token.liaison, body: { version: 1 } })).status).toBe(403);
    });

    it('an unassigned consultant does not see the referral of a restricted case', async () => {
      const f = await family();
      await t.dataSource.query(`UPDATE cases SET restricted = true WHERE id = $1`, [f.caseId]);
      const created = await t.post('/api/v1/referrals', { token: token.consultant1, body: content(f) });
      expect(created.status).toBe(201);
      const res = await t.get(`/api/v1/referrals/${created.body.id}`, { token: token.consultant1b });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('break-glass-required');
      const list = await t.get('/api/v1/referrals', { token: token.consultant1b, query: { limit: 200 } });
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
    });

    it('lists with filters, counts and keyset pages', async () => {
      const f = await family();
      const created: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await t.post('/api/v1/referrals', { token: token.consultant1, body: content(f) });
        created.push(res.body.id);
      }
      const first = await t.get('/api/v1/referrals', { token: token.consultant1, query: { caseId: f.caseId, limit: 2 } });
      expect(first.body.total).toBe(3);
      expect(first.body.items).toHaveLength(2);
      const second = await t.get('/api/v1/referrals', { token: token.consultant1, query: { caseId: f.caseId, limit: 2, cursor: first.body.nextCursor } });
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id).sort()).toEqual(created.sort());
      expect(first.body.items[0]).toMatchObject({ childNames: ['練馬 一郎'], stateLabel: '起案中' });
      const bad = await t.get('/api/v1/referrals', { token: token.consultant1, query: { cursor: 'bm90LWEtY3Vyc29y' } });
      expect(bad.status).toBe(400);
    });
  });

  describe('送致書', () => {
    it('is refused before approval (409)', async () => {
      const referralId = await referralIn(ReferralState.Submitted);
      const res = await t.get(`/api/v1/referrals/${referralId}/document`, { token: token.consultant1 });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('carries the approved content, escapes it, names the approver and date, and is audited', async () => {
      const { id: referralId } = await draft({ reason: '<img src=x onerror=alert(1)>本児は「帰りたくない」と話す & 泣いていた' });
      await act(referralId, ReferralAction.Submit);
      await act(referralId, ReferralAction.Approve);
      const res = await t.get(`/api/v1/referrals/${referralId}/document`, { token: token.consultant1, headers: { 'x-request-id': 'doc-request-0001' } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.text).toContain('児童送致書');
      expect(res.text).toContain('練馬 一郎');
      expect(res.text).toContain('練馬 花子');
      expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;本児は「帰りたくない」と話す &amp; 泣いていた');
      expect(res.text).not.toContain('<img');
      expect(res.text).toContain('<td>係長 早苗</td>');
      expect(res.text).toMatch(/令和\d+年\d+月\d+日/);
      expect(res.text).toContain('@page { size: A4');

      const audit = await t.dataSource.query(`SELECT action, resource_type, resource_id, outcome, actor_user_id, details FROM audit_events WHERE request_id = 'doc-request-0001'`);
      expect(audit).toEqual([expect.objectContaining({ action: 'referral.document', resource_type: 'referral', resource_id: referralId, outcome: 'success', actor_user_id: id.consultant1 })]);
      expect(audit[0].details).toMatchObject({ state: 'approved' });

      // The liaison may print it too; another office may not.
      expect((await t.get(`/api/v1/referrals/${referralId}/document`, { token: token.liaison })).status).toBe(200);
      expect((await t.get(`/api/v1/referrals/${referralId}/document`, { token: token.supervisor2 })).status).toBe(404);
    });
  });
  describe('reminders', () => {
    const reminderOf = async (key: string, stage = 'due') =>
      (await t.dataSource.query(`SELECT state, due_at, recipients, urgent, rule, office_id FROM reminders WHERE key = $1 AND stage = $2`, [key, stage]))[0];
    const inbox = (rule: string, subjectId: string): Promise<Array<{ user_id: string; title: string; urgent: boolean }>> =>
      t.dataSource.query(`SELECT user_id, title, urgent FROM notifications WHERE rule = $1 AND subject_id = $2 ORDER BY user_id`, [rule, subjectId]);

    it('an urgent (AA/A) submission notifies the office\'s supervisors at once; a B does not', async () => {
      const { id: urgentId } = await draft({ urgency: 'aa' });
      const { id: routineId } = await draft({ urgency: 'b' });
      expect((await act(urgentId, ReferralAction.Submit)).status).toBe(200);
      expect((await act(routineId, ReferralAction.Submit)).status).toBe(200);
      const delivered = await waitFor(() => inbox('referrals.urgent_submitted', urgentId), (rows) => rows.length === 2, { what: 'urgent notice to both supervisors' });
      expect(delivered.map((n) => n.user_id).sort()).toEqual([id.supervisor1, id.supervisor1b].sort());
      expect(delivered[0]).toMatchObject({ title: '緊急度AAの送致が決裁に回されました', urgent: true });
      // No names in the notice, nobody outside the office, nothing for a routine referral.
      expect(delivered[0].title).not.toContain('練馬');
      await sleep(500);
      expect(await inbox('referrals.urgent_submitted', routineId)).toEqual([]);
      const supervisorsOfNukui: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1 AND user_id = $2`, [urgentId, id.supervisor2]);
      expect(supervisorsOfNukui[0].n).toBe(0);
      const inboxApi = await t.get('/api/v1/notifications', { token: token.supervisor1 });
      expect(inboxApi.status).toBe(200);
    });

    it('a submission starts the 2-working-day review clock for the supervisors; the review stops it', async () => {
      const { id: referralId } = await draft();
      const submitted = await act(referralId, ReferralAction.Submit);
      const review = await reminderOf(`referrals.review_overdue:${referralId}`);
      expect(review).toMatchObject({ state: 'scheduled', rule: 'referrals.review_overdue', office_id: nerima, urgent: false });
      expect(review.recipients).toEqual([{ kind: 'office_role', officeId: nerima, role: 'supervisor' }]);
      expect(review.due_at).toEqual(reviewOverdueAt(new Date(submitted.body.submittedAt)));
      await act(referralId, ReferralAction.Return);
      expect((await reminderOf(`referrals.review_overdue:${referralId}`)).state).toBe('cancelled');
      await act(referralId, ReferralAction.Revise);
      await act(referralId, ReferralAction.Submit);
      expect((await reminderOf(`referrals.review_overdue:${referralId}`)).state).toBe('scheduled');
      await act(referralId, ReferralAction.Approve);
      expect((await reminderOf(`referrals.review_overdue:${referralId}`)).state).toBe('cancelled');
    });

    it('sent and unanswered for 7 days reaches the liaison; the centre\'s answer stops it', async () => {
      const referralId = await referralIn(ReferralState.Approved);
      // Approved and sent ten days ago: the 7 days are over, so the reminder is due at once.
      await t.dataSource.query(`UPDATE referrals SET approved_at = approved_at - interval '12 days' WHERE id = $1`, [referralId]);
      const sentOn = new Date(Date.now() + 9 * 3600_000 - 10 * 86_400_000).toISOString().slice(0, 10);
      expect((await act(referralId, ReferralAction.Send, 'consultant1', { ...bodies.send, sentOn })).status).toBe(200);
      const answer = await reminderOf(`referrals.answer_overdue:${referralId}`);
      expect(answer.recipients).toEqual([{ kind: 'office_role', officeId: nerima, role: 'liaison' }]);
      expect(answer.due_at).toEqual(answerOverdueAt(sentOn));
      const delivered = await waitFor(() => inbox('referrals.answer_overdue', referralId), (rows) => rows.length > 0, { what: 'answer follow-up to the liaison' });
      expect(delivered).toEqual([expect.objectContaining({ user_id: id.liaison, title: '送致後7日を過ぎても児童相談センターの回答がありません' })]);

      const fresh = await referralIn(ReferralState.Sent);
      expect((await reminderOf(`referrals.answer_overdue:${fresh}`)).state).toBe('scheduled');
      await act(fresh, ReferralAction.Accept);
      expect((await reminderOf(`referrals.answer_overdue:${fresh}`)).state).toBe('cancelled');
    });

    it('a withdrawn referral leaves no reminder behind', async () => {
      const referralId = await referralIn(ReferralState.Returned);
      await act(referralId, ReferralAction.Withdraw);
      const open: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM reminders WHERE subject_id = $1 AND state = 'scheduled'`, [referralId]);
      expect(open[0].n).toBe(0);
    });
  });
  describe('demo data', () => {
    it('shows each demo office its own records, and seeding again changes nothing', async () => {
      const count = async () =>
        (await t.dataSource.query(
          `SELECT (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM referral_events)::int AS events,
                  (SELECT count(*) FROM centre_requests)::int AS requests, (SELECT count(*) FROM guidance_progress_reports)::int AS reports,
                  (SELECT count(*) FROM case_conferences)::int AS conferences, (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM persons)::int AS persons`,
        ))[0];
      const before = await count();
      await seed(t.dataSource, { demo: true, demoPassword: DEMO_PASSWORD });
      expect(await count()).toEqual(before);

      const nerimaQueue = await t.get('/api/v1/referrals/review-queue', { token: token.supervisor1, query: { limit: 200 } });
      expect(nerimaQueue.body.items.map((i: { caseNumber: string; childNames: string[] }) => i.childNames)).toContainEqual(['北町 ひかり']);
      const mine = await t.get('/api/v1/referrals', { token: token.consultant2, query: { mine: true } });
      expect(mine.body.items.map((i: { childNames: string[] }) => i.childNames)).toContainEqual(['貫井 陽菜']);
      const sent = await t.get('/api/v1/referrals', { token: token.liaison, query: { state: 'sent', limit: 200 } });
      const demoSent = sent.body.items.find((i: { childNames: string[] }) => i.childNames.includes('豊玉 蓮'));
      expect(demoSent).toBeDefined();
      expect((await t.get(`/api/v1/referrals/${demoSent.id}/document`, { token: token.liaison })).status).toBe(200);
      const reports = await t.get('/api/v1/centre-requests/progress-reports', { token: token.liaison, query: { state: 'approved' } });
      expect(reports.body.items.length).toBeGreaterThanOrEqual(1);
      const conferences = await t.get('/api/v1/case-conferences', { token: token.consultant1 });
      expect(conferences.body.items.some((c: { centreAttended: boolean }) => c.centreAttended)).toBe(true);
    });
  });
  describe('case timeline', () => {
    it('shows the referral\'s steps on the case timeline without its content', async () => {
      const { id: referralId, caseId } = await draft({ reason: '時系列に出してはならない理由の本文' });
      for (const action of [ReferralAction.Submit, ReferralAction.Approve, ReferralAction.Send]) expect((await act(referralId, action)).status).toBe(200);
      const timeline = await t.get(`/api/v1/cases/${caseId}/timeline`, { token: token.consultant1, query: { sources: 'referral' } });
      expect(timeline.status).toBe(200);
      expect(timeline.body.items.map((e: { kind: string; title: string }) => [e.kind, e.title])).toEqual([
        ['send', '児童相談センターへ送致'],
        ['approve', '送致 決裁'],
        ['submit', '送致 決裁依頼'],
      ]);
      expect(timeline.body.items[0]).toMatchObject({ source: 'referral', summary: null, authorId: id.consultant1, details: { referralId, toState: 'sent' } });
      expect(timeline.text).not.toContain('時系列に出してはならない');
    });
  });
});
