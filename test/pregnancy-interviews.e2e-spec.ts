import { addDays, todayInJapan } from '../src/common/time/japan-time';
import { createCase, createPerson } from './factories/casework';
import { CANDIDATE_ANSWERS, createStaff, interviewBody, notificationBody } from './factories/pregnancy';
import { AccessService } from '../src/common/access/access.service';
import { progressReviewKey } from '../src/modules/cases/case-reminder-rules';
import { Actor } from '../src/common/auth/actor';
import { TestApp } from './harness/test-app';

describe('妊婦面談 and 特定妊婦', () => {
  let t: TestApp;
  let nurse1: string;
  let supervisor3: string;
  let consultant1: string;
  let supervisor1: string;
  let consultant2: string;
  let supervisor2: string;
  let nurse2: string;
  let nerima: string;
  let nukui: string;
  let toyotama: string;

  beforeAll(async () => {
    t = await TestApp.start();
    [nerima, nukui, toyotama] = await Promise.all(['CFS-NERIMA', 'CFS-NUKUI', 'HC-TOYOTAMA'].map((c) => t.officeId(c)));
    await createStaff(t.dataSource, 'nurse2', 'HC-KITA', ['consultant']);
    [nurse1, supervisor3, consultant1, supervisor1, consultant2, supervisor2, nurse2] = await Promise.all(
      ['nurse1', 'supervisor3', 'consultant1', 'supervisor1', 'consultant2', 'supervisor2', 'nurse2'].map((l) => t.login(l)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  async function fileNotification(overrides: Record<string, unknown> = {}) {
    const res = await t.post('/api/v1/pregnancy-notifications', { token: nurse1, body: notificationBody(overrides) });
    expect(res.status).toBe(201);
    return res.body as { id: string; dueDate: string; filedOn: string; version: number; mother: { id: string } };
  }
  const interview = (n: { id: string; dueDate: string }, overrides: Record<string, unknown> = {}, token = nurse1) =>
    t.post('/api/v1/pregnancy-interviews', { token, body: interviewBody(n.id, n.dueDate, overrides) });

  it('logs an interview, screens it and marks the notification interviewed', async () => {
    const n = await fileNotification({ daysAgo: 5 });
    const res = await interview(n, { insomnia: true, smoking: 'continuing', followUpOn: addDays(todayInJapan(), 14), requestedServices: ['postpartum_care'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      notificationId: n.id,
      officeId: toyotama,
      consultantName: '保健 さくら',
      placeLabel: '窓口',
      supportNeed: 'follow_up',
      supportNeedLabel: '要フォロー',
      screening: { need: 'follow_up', factors: [expect.objectContaining({ code: 'insomnia', label: '不眠', serious: false }), expect.objectContaining({ code: 'smoking' })] },
      requestedServices: ['postpartum_care'],
      editable: true,
    });
    const notification = (await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: nurse1 })).body;
    expect(notification).toMatchObject({ status: 'interviewed', firstInterviewedOn: todayInJapan(), daysToInterview: 5, specifiedStatus: 'none' });
    expect(notification.history.map((h: { action: string }) => h.action)).toEqual(['filed', 'interviewed']);
  });

  it('rejects inconsistent interview dates, a lowered judgement and unknown fields', async () => {
    const n = await fileNotification({ daysAgo: 3 });
    const weeks = await interview(n, { weeksAtInterview: 25 });
    expect(weeks.status).toBe(400);
    expect(weeks.body.errors).toEqual([expect.objectContaining({ field: 'weeksAtInterview', code: 'inconsistent_with_due_date' })]);
    const before = await interview(n, { interviewedOn: addDays(n.filedOn, -1) });
    expect(before.status).toBe(400);
    expect(before.body.errors.map((e: { code: string }) => e.code)).toContain('before_filing');
    const followUp = await interview(n, { followUpOn: addDays(todayInJapan(), -1) });
    expect(followUp.body.errors).toEqual([expect.objectContaining({ field: 'followUpOn', code: 'before_interview' })]);
    const lowered = await interview(n, { domesticViolence: true, assessedNeed: 'none' });
    expect(lowered.status).toBe(400);
    expect(lowered.body.errors).toEqual([expect.objectContaining({ field: 'assessedNeed', code: 'below_screening' })]);
    const raisedWithoutReason = await interview(n, { assessedNeed: 'follow_up' });
    expect(raisedWithoutReason.body.errors).toEqual([expect.objectContaining({ field: 'needRaisedReason', code: 'required' })]);
    expect((await interview(n, { extra: true })).status).toBe(400);
    expect((await interview(n, { supportPersons: ['partner', 'partner'] })).status).toBe(400);
    // Nothing was stored by the refused requests.
    expect((await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: nurse1 })).body.status).toBe('filed');

    const raised = await interview(n, { assessedNeed: 'follow_up', needRaisedReason: '表情が硬く、話しにくそうだった' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ screening: { need: 'none' }, supportNeed: 'follow_up', needRaisedReason: '表情が硬く、話しにくそうだった' });
  });

  it('lets only the 保健相談所 write; a centre cannot log interviews for it', async () => {
    const n = await fileNotification();
    expect((await interview(n, {}, consultant1)).status).toBe(404);
    expect((await interview(n, {}, nurse2)).status).toBe(404);
  });

  it('updates with the version, re-screens, and completes a follow-up', async () => {
    const n = await fileNotification({ daysAgo: 1 });
    const created = (await interview(n, { followUpOn: addDays(todayInJapan(), 7) })).body;
    const url = `/api/v1/pregnancy-interviews/${created.id}`;
    const updated = await t.patch(url, { token: nurse1, body: { version: created.version, lowMood: true, lossOfInterest: true, strongAnxiety: true } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ supportNeed: 'specified_expectant_mother_candidate', version: created.version + 1 });
    expect((await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: nurse1 })).body).toMatchObject({ specifiedStatus: 'candidate', specifiedInterviewId: created.id });
    expect((await t.patch(url, { token: nurse1, body: { version: created.version, lowMood: false } })).status).toBe(409);
    expect((await t.patch(url, { token: nurse1, body: { version: updated.body.version, supportPlan: null } })).status).toBe(400);

    // Answers corrected: the candidacy is withdrawn with them.
    const calmed = await t.patch(url, { token: nurse1, body: { version: updated.body.version, lowMood: false, lossOfInterest: false, strongAnxiety: false } });
    expect(calmed.body.supportNeed).toBe('none');
    const notification = (await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: nurse1 })).body;
    expect(notification.specifiedStatus).toBe('none');
    expect(notification.history.map((h: { action: string }) => h.action)).toEqual(['filed', 'interviewed', 'specified_candidate', 'specified_candidate_withdrawn']);

    const done = await t.post(`${url}/complete-follow-up`, { token: nurse1, body: { version: calmed.body.version, note: '電話で状況確認' } });
    expect(done.status).toBe(200);
    expect(done.body.followUpDoneAt).not.toBeNull();
    const again = await t.post(`${url}/complete-follow-up`, { token: nurse1, body: { version: done.body.version } });
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('invalid-state-transition');

    const pending = await t.get('/api/v1/pregnancy-interviews', { token: nurse1, query: { followUpPending: true, limit: 200 } });
    expect(pending.body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
  });

  it('previews the screening rule without storing anything', async () => {
    const res = await t.post('/api/v1/pregnancy-interviews/screening-preview', {
      token: nurse1,
      body: { ...interviewBody('x', '2027-01-01'), notificationId: undefined, interviewedOn: undefined, place: undefined, weeksAtInterview: undefined, supportPlan: undefined, weeksAtFiling: 22, multiplePregnancy: true, motherAgeOnInterview: 19 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ need: 'specified_expectant_mother_candidate', needLabel: '特定妊婦候補' });
    expect(res.body.factors.map((f: { code: string }) => f.code)).toEqual(['late_notification', 'teen_mother', 'multiple_pregnancy']);
  });

  describe('特定妊婦 confirmation', () => {
    let n: { id: string; dueDate: string; mother: { id: string } };
    let interviewId: string;

    beforeAll(async () => {
      n = await fileNotification({ daysAgo: 4 });
      const res = await interview(n, CANDIDATE_ANSWERS);
      expect(res.status).toBe(201);
      expect(res.body.supportNeed).toBe('specified_expectant_mother_candidate');
      interviewId = res.body.id;
    });

    const confirm = (token: string, body: Record<string, unknown>) => t.post(`/api/v1/pregnancy-notifications/${n.id}/confirm-specified`, { token, body });
    const version = async () => (await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: nurse1 })).body.version as number;

    it('puts the candidate in the supervisor queue', async () => {
      const queue = await t.get('/api/v1/pregnancy-notifications', { token: supervisor3, query: { specifiedStatus: 'candidate', limit: 200 } });
      expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(n.id);
    });

    it('is decided by a supervisor of the 保健相談所 only, for a centre', async () => {
      expect((await confirm(nurse1, { centreOfficeId: nerima, reason: '望まない妊娠、支援者なし', version: await version() })).status).toBe(403);
      // Supervisors of centres do not see the candidate at all.
      expect((await confirm(supervisor1, { centreOfficeId: nerima, reason: 'x', version: await version() })).status).toBe(404);
      const notCentre = await confirm(supervisor3, { centreOfficeId: toyotama, reason: 'x', version: await version() });
      expect(notCentre.status).toBe(400);
      expect(notCentre.body.errors).toEqual([expect.objectContaining({ field: 'centreOfficeId', code: 'not_a_centre' })]);
      expect((await confirm(supervisor3, { centreOfficeId: nerima, reason: 'x', version: 1 })).status).toBe(409);
      // Before the hand-over the centre cannot read the interview.
      expect((await t.get(`/api/v1/pregnancy-interviews/${interviewId}`, { token: consultant1 })).status).toBe(404);
    });

    it('opens a case in the chosen centre in one transaction, shared back to the 保健相談所', async () => {
      const res = await confirm(supervisor3, { centreOfficeId: nerima, reason: '望まない妊娠、支援者なし', version: await version() });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ notificationId: n.id, centreOfficeId: nerima, caseOpened: true, caseNumber: expect.stringMatching(/^R\d+-\d{4}$/) });
      const caseId = res.body.caseId as string;
      const [c] = await t.dataSource.query(`SELECT office_id, support_level, status, label FROM cases WHERE id = $1`, [caseId]);
      expect(c).toEqual({ office_id: nerima, support_level: 'specified_expectant_mother', status: 'open', label: '妊婦 世帯' });
      expect(await t.dataSource.query(`SELECT person_id, relationship FROM case_members WHERE case_id = $1`, [caseId])).toEqual([{ person_id: n.mother.id, relationship: 'expectant_mother' }]);
      expect(await t.dataSource.query(`SELECT office_id, reason FROM case_office_shares WHERE case_id = $1`, [caseId])).toEqual([{ office_id: toyotama, reason: 'specified_expectant_mother' }]);
      const audit = await t.dataSource.query(`SELECT action, reason FROM audit_events WHERE resource_type = 'case' AND resource_id = $1`, [caseId]);
      expect(audit).toEqual([{ action: 'case.open_specified_expectant_mother', reason: null }]);
      // Opened as any case is: on the timeline, and due for its first 進行管理 review with a reminder.
      const [review] = await t.dataSource.query(`SELECT c.next_review_on, r.state FROM cases c LEFT JOIN reminders r ON r.key = $2 AND r.stage = 'due' WHERE c.id = $1`, [
        caseId,
        progressReviewKey(caseId),
      ]);
      expect(review.next_review_on).not.toBeNull();
      expect(review.state).toBe('scheduled');
      expect((await t.dataSource.query(`SELECT kind FROM case_events WHERE case_id = $1`, [caseId])).map((e: { kind: string }) => e.kind)).toEqual(['opened']);
      const notification = (await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token: supervisor3 })).body;
      expect(notification).toMatchObject({ specifiedStatus: 'confirmed', caseId, specifiedDecisionNote: '望まない妊娠、支援者なし' });
      expect((await confirm(supervisor3, { centreOfficeId: nerima, reason: 'again', version: notification.version })).status).toBe(409);
    });

    it('lets the chosen centre read the interview (not write it), and no other centre', async () => {
      for (const token of [consultant1, supervisor1]) {
        const read = await t.get(`/api/v1/pregnancy-interviews/${interviewId}`, { token });
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ editable: false, supportNeed: 'specified_expectant_mother_candidate' });
        expect((await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token })).status).toBe(200);
        const list = await t.get('/api/v1/pregnancy-interviews', { token, query: { limit: 200 } });
        expect(list.body.items.map((i: { id: string }) => i.id)).toContain(interviewId);
      }
      const write = await t.patch(`/api/v1/pregnancy-interviews/${interviewId}`, { token: consultant1, body: { version: 1, supportPlan: 'x' } });
      expect(write.status).toBe(403);
      for (const token of [consultant2, supervisor2, nurse2]) {
        expect((await t.get(`/api/v1/pregnancy-interviews/${interviewId}`, { token })).status).toBe(404);
        expect((await t.get(`/api/v1/pregnancy-notifications/${n.id}`, { token })).status).toBe(404);
        expect((await t.get('/api/v1/pregnancy-interviews', { token, query: { limit: 200 } })).body.items.map((i: { id: string }) => i.id)).not.toContain(interviewId);
      }
      // The 保健相談所 keeps writing its own interview.
      expect((await t.get(`/api/v1/pregnancy-interviews/${interviewId}`, { token: nurse1 })).body.editable).toBe(true);
    });

    it('links the open case the centre already has for the mother instead of opening another', async () => {
      const m = await fileNotification({ daysAgo: 2 });
      const existing = await createCase(t.dataSource, { officeId: nukui, supportLevel: 'general', members: [{ personId: m.mother.id, relationship: 'mother' }] });
      await interview(m, { domesticViolence: true });
      const v = (await t.get(`/api/v1/pregnancy-notifications/${m.id}`, { token: nurse1 })).body.version;
      const res = await t.post(`/api/v1/pregnancy-notifications/${m.id}/confirm-specified`, { token: supervisor3, body: { centreOfficeId: nukui, reason: 'DV', version: v } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ caseId: existing.id, caseOpened: false });
      const [c] = await t.dataSource.query(`SELECT support_level, next_review_on FROM cases WHERE id = $1`, [existing.id]);
      expect(c.support_level).toBe('specified_expectant_mother');
      // The new level brings the next review as a change by hand would, with its reminder, on the case's timeline.
      expect(c.next_review_on).not.toBeNull();
      const [due] = await t.dataSource.query(`SELECT state FROM reminders WHERE key = $1 AND stage = 'due'`, [progressReviewKey(existing.id)]);
      expect(due.state).toBe('scheduled');
      const [event] = await t.dataSource.query(`SELECT kind, details FROM case_events WHERE case_id = $1`, [existing.id]);
      expect(event).toEqual({ kind: 'updated', details: { changed: { supportLevel: { from: 'general', to: 'specified_expectant_mother' } } } });
      expect((await t.get(`/api/v1/pregnancy-notifications/${m.id}`, { token: consultant2 })).status).toBe(200);
      expect((await t.get(`/api/v1/pregnancy-notifications/${m.id}`, { token: consultant1 })).status).toBe(404);
    });

    it('links only an open case of the chosen centre when a case id is given', async () => {
      const m = await fileNotification({ daysAgo: 2 });
      await interview(m, { noPrenatalCheckups: true });
      const v = (await t.get(`/api/v1/pregnancy-notifications/${m.id}`, { token: nurse1 })).body.version;
      const otherCentre = await createCase(t.dataSource, { officeId: nerima });
      const closed = await createCase(t.dataSource, { officeId: nukui, status: 'closed' });
      for (const caseId of [otherCentre.id, closed.id]) {
        const res = await t.post(`/api/v1/pregnancy-notifications/${m.id}/confirm-specified`, { token: supervisor3, body: { centreOfficeId: nukui, caseId, reason: 'x', version: v } });
        expect(res.status).toBe(404);
      }
      const protectedCase = await createCase(t.dataSource, { officeId: nukui, supportLevel: 'protection_required', members: [{ personId: await createPerson(t.dataSource, { officeId: nukui }), relationship: 'child' }] });
      const res = await t.post(`/api/v1/pregnancy-notifications/${m.id}/confirm-specified`, { token: supervisor3, body: { centreOfficeId: nukui, caseId: protectedCase.id, reason: '上の子が要保護', version: v } });
      expect(res.body).toMatchObject({ caseId: protectedCase.id, caseOpened: false });
      const [c] = await t.dataSource.query(`SELECT support_level FROM cases WHERE id = $1`, [protectedCase.id]);
      expect(c.support_level).toBe('protection_required');
      const members = await t.dataSource.query(`SELECT relationship FROM case_members WHERE case_id = $1 AND person_id = $2`, [protectedCase.id, m.mother.id]);
      expect(members).toEqual([{ relationship: 'expectant_mother' }]);
    });

    it('records a decision that the candidate is not 特定妊婦', async () => {
      const m = await fileNotification({ daysAgo: 1 });
      await interview(m, { housingType: 'unstable' });
      const v = (await t.get(`/api/v1/pregnancy-notifications/${m.id}`, { token: nurse1 })).body.version;
      expect((await t.post(`/api/v1/pregnancy-notifications/${m.id}/decline-specified`, { token: supervisor3, body: { reason: '', version: v } })).status).toBe(400);
      const res = await t.post(`/api/v1/pregnancy-notifications/${m.id}/decline-specified`, { token: supervisor3, body: { reason: '実家に戻ることが決まった', version: v } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ specifiedStatus: 'not_confirmed', caseId: null, specifiedDecisionNote: '実家に戻ることが決まった' });
    });
  });

  it('answers single records and lists alike for every actor (AccessService cross-check)', async () => {
    const access = t.app.get(AccessService);
    const notifications: Array<{ id: string; office_id: string; case_id: string | null }> = await t.dataSource.query(`SELECT id, office_id, case_id FROM pregnancy_notifications`);
    expect(notifications.some((n) => n.case_id !== null)).toBe(true);
    const actors = await t.dataSource.query(`SELECT id AS "userId", login_id AS "loginId", office_id AS "officeId", roles FROM users`);
    for (const actor of actors as Actor[]) {
      const a = { ...actor, sessionId: 's' };
      const combined = access.pregnancyRecordScopeCondition(a, 'n.office_id', 'n.case_id');
      const listed = new Set((await t.dataSource.createQueryBuilder().select('n.id', 'id').from('pregnancy_notifications', 'n').where(combined.sql, combined.params).getRawMany()).map((r: { id: string }) => r.id));
      const parts = access.pregnancyRecordScopeParts(a, 'n.office_id', 'n.case_id');
      const byParts = new Set<string>();
      for (const part of parts) {
        for (const r of await t.dataSource.createQueryBuilder().select('n.id', 'id').from('pregnancy_notifications', 'n').where(part.sql, part.params).getRawMany()) {
          expect(byParts.has(r.id)).toBe(false);
          byParts.add(r.id);
        }
      }
      for (const n of notifications) {
        const level = await access.pregnancyRecordAccess(t.dataSource.manager, a, { officeId: n.office_id, caseId: n.case_id });
        const label = `${actor.loginId} × ${n.id}`;
        expect({ label, listed: listed.has(n.id), byParts: byParts.has(n.id) }).toEqual({ label, listed: level !== 'none', byParts: level !== 'none' });
      }
    }
  });
});

