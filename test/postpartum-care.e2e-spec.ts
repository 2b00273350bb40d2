import { addDays, addMonths, todayInJapan } from '../src/common/time/japan-time';
import { createCase } from './factories/casework';
import { createStaff, interviewBody, notificationBody } from './factories/pregnancy';
import { TestApp } from './harness/test-app';

describe('産後ケア applications', () => {
  let t: TestApp;
  let nurse1: string;
  let supervisor3: string;
  let consultant1: string;
  let nurse2: string;
  let supervisor4: string;
  let motherId: string;
  let notificationId: string;
  let interviewId: string;
  const today = todayInJapan();

  beforeAll(async () => {
    t = await TestApp.start();
    await createStaff(t.dataSource, 'nurse2', 'HC-KITA', ['consultant']);
    await createStaff(t.dataSource, 'supervisor4', 'HC-TOYOTAMA', ['supervisor']);
    [nurse1, supervisor3, consultant1, nurse2, supervisor4] = await Promise.all(['nurse1', 'supervisor3', 'consultant1', 'nurse2', 'supervisor4'].map((l) => t.login(l)));
    const n = (await t.post('/api/v1/pregnancy-notifications', { token: nurse1, body: notificationBody({ daysAgo: 1 }) })).body;
    notificationId = n.id;
    motherId = n.mother.id;
    interviewId = (await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(n.id, n.dueDate, { requestedServices: ['postpartum_care'] }) })).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const apply = (body: Record<string, unknown>, token = nurse1) =>
    t.post('/api/v1/postpartum-care-applications', { token, body: { motherId, serviceType: 'day_care', appliedOn: today, requestedSessions: 3, ...body } });

  it('accepts a baby 364 days old and refuses one 366 days old', async () => {
    const inside = await apply({ babyBirthDate: addDays(today, -364) });
    expect(inside.status).toBe(201);
    expect(inside.body).toMatchObject({ status: 'applied', statusLabel: '申請中', babyAgeDays: 364, eligibleUntil: addDays(addMonths(addDays(today, -364), 12), -1) });
    // A consultant records applications and may cancel them; deciding is a supervisor's.
    expect(inside.body.allowedActions).toEqual(['cancel']);
    const outside = await apply({ babyBirthDate: addDays(today, -366) });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'babyBirthDate', code: 'beyond_eligibility_period' })]);
  });

  it('takes overnight stays only until the configured age, and follows a change of the setting', async () => {
    const birth = addDays(addMonths(today, -4), -1); // four months and a day old
    const overnight = await apply({ serviceType: 'overnight_stay', babyBirthDate: birth });
    expect(overnight.status).toBe(422);
    expect(overnight.body.errors).toEqual([expect.objectContaining({ field: 'serviceType', code: 'overnight_age_limit' })]);
    expect((await apply({ serviceType: 'day_care', babyBirthDate: birth })).status).toBe(201);
    expect((await apply({ serviceType: 'overnight_stay', babyBirthDate: addDays(addMonths(today, -4), 1) })).status).toBe(201);

    const admin = await t.login('admin');
    const [ward] = (await t.get('/api/v1/pregnancy-settings', { token: admin })).body;
    const changed = await t.request('PUT', '/api/v1/pregnancy-settings', { token: admin, body: { version: ward.version, overnightStayMaxAgeMonths: 5 } });
    expect(changed.status).toBe(200);
    expect((await apply({ serviceType: 'overnight_stay', babyBirthDate: birth })).status).toBe(201);
    await t.request('PUT', '/api/v1/pregnancy-settings', { token: admin, body: { version: changed.body.version, overnightStayMaxAgeMonths: 4 } });
  });

  it('refuses more sessions than the type allows, future dates and a birth after the application', async () => {
    const tooMany = await apply({ babyBirthDate: addDays(today, -30), requestedSessions: 8 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'requestedSessions', code: 'over_limit' })]);
    expect((await apply({ babyBirthDate: addDays(today, -30), appliedOn: addDays(today, 1) })).status).toBe(400);
    expect((await apply({ babyBirthDate: addDays(today, 1) })).status).toBe(400);
  });

  it('takes the mother from the referring interview', async () => {
    const res = await apply({ motherId: undefined, interviewId, serviceType: 'home_visit', babyBirthDate: addDays(today, -20), providerName: '豊玉助産院' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mother: { id: motherId }, notificationId, interviewId, serviceTypeLabel: '訪問型（助産師）' });
  });

  it('is approved by another supervisor of the 保健相談所, and sessions are counted against the approval', async () => {
    const created = (await apply({ babyBirthDate: addDays(today, -40), appliedOn: addDays(today, -5), requestedSessions: 3 }, supervisor3)).body;
    const url = `/api/v1/postpartum-care-applications/${created.id}`;
    // The screen offers the decision only to whoever may take it: not a consultant, not the supervisor who recorded it.
    const offered = async (token: string) => (await t.get(url, { token })).body.allowedActions;
    expect(await offered(nurse1)).toEqual(['cancel']);
    expect(await offered(supervisor3)).toEqual(['cancel']);
    expect(await offered(supervisor4)).toEqual(['approve', 'reject', 'cancel']);
    expect((await t.post(`${url}/approve`, { token: nurse1, body: { approvedSessions: 2, version: created.version } })).status).toBe(403);
    const own = await t.post(`${url}/approve`, { token: supervisor3, body: { approvedSessions: 2, version: created.version } });
    expect(own.status).toBe(403);
    expect((await t.post(`${url}/approve`, { token: supervisor4, body: { approvedSessions: 2, version: created.version + 1 } })).status).toBe(409);
    expect((await t.post(`${url}/approve`, { token: supervisor4, body: { approvedSessions: 8, version: created.version } })).status).toBe(422);
    const approved = await t.post(`${url}/approve`, { token: supervisor4, body: { approvedSessions: 2, version: created.version, note: '2日分' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedSessions: 2, usedSessions: 0, remainingSessions: 2, decidedByName: 'supervisor4', allowedActions: ['record_session', 'cancel'] });
    expect((await t.post(`${url}/approve`, { token: supervisor4, body: { approvedSessions: 2, version: approved.body.version } })).status).toBe(409);

    const session = (usedOn: string) => t.post(`${url}/sessions`, { token: nurse1, body: { usedOn, note: '授乳相談' } });
    expect((await session(today)).body).toMatchObject({ usedSessions: 1, remainingSessions: 1, status: 'approved' });
    expect((await session(today)).status).toBe(409);
    expect((await session(addDays(today, 1))).status).toBe(400);
    const last = await session(addDays(today, -1));
    expect(last.body).toMatchObject({ usedSessions: 2, remainingSessions: 0, status: 'completed', allowedActions: [] });
    expect(last.body.sessions.map((s: { usedOn: string }) => s.usedOn)).toEqual([addDays(today, -1), today]);
    const extra = await session(addDays(today, -2));
    expect(extra.status).toBe(409);
    expect(extra.body.allowed).toEqual([]);
  });

  it('refuses a session on a date beyond the eligibility, and one past the approved number', async () => {
    // Applied and approved while the baby was eligible; the session date is past the overnight limit.
    const birth = addDays(addMonths(today, -4), -3);
    const created = (await apply({ serviceType: 'overnight_stay', babyBirthDate: addDays(today, -60), requestedSessions: 1 })).body;
    await t.dataSource.query(
      `UPDATE postpartum_care_applications SET baby_birth_date = $2, applied_on = $3, status = 'approved', approved_sessions = 1, decided_by = created_by, decided_at = now() WHERE id = $1`,
      [created.id, birth, addDays(today, -10)],
    );
    const late = await t.post(`/api/v1/postpartum-care-applications/${created.id}/sessions`, { token: nurse1, body: { usedOn: today } });
    expect(late.status).toBe(422);
    expect(late.body.errors).toEqual([expect.objectContaining({ field: 'usedOn', code: 'overnight_age_limit' })]);
    expect((await t.post(`/api/v1/postpartum-care-applications/${created.id}/sessions`, { token: nurse1, body: { usedOn: addDays(today, -9) } })).status).toBe(201);
    const over = await t.post(`/api/v1/postpartum-care-applications/${created.id}/sessions`, { token: nurse1, body: { usedOn: addDays(today, -8) } });
    expect(over.status).toBe(409);
  });

  it('refuses approval once the baby has passed the limit', async () => {
    const created = (await apply({ serviceType: 'overnight_stay', babyBirthDate: addDays(today, -20) })).body;
    await t.dataSource.query(`UPDATE postpartum_care_applications SET baby_birth_date = $2, applied_on = $3 WHERE id = $1`, [created.id, addDays(addMonths(today, -4), -1), addDays(today, -5)]);
    const res = await t.post(`/api/v1/postpartum-care-applications/${created.id}/approve`, { token: supervisor3, body: { approvedSessions: 1, version: created.version } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'overnight_age_limit' })]);
  });

  it('rejects and cancels with a reason', async () => {
    const a = (await apply({ babyBirthDate: addDays(today, -10) })).body;
    const rejected = await t.post(`/api/v1/postpartum-care-applications/${a.id}/reject`, { token: supervisor3, body: { reason: '他サービスで対応', version: a.version } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '他サービスで対応' });
    expect((await t.post(`/api/v1/postpartum-care-applications/${a.id}/cancel`, { token: nurse1, body: { reason: 'x', version: rejected.body.version } })).status).toBe(409);
    const b = (await apply({ babyBirthDate: addDays(today, -10) })).body;
    const cancelled = await t.post(`/api/v1/postpartum-care-applications/${b.id}/cancel`, { token: nurse1, body: { reason: '本人取下げ', version: b.version } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledReason: '本人取下げ' });
  });

  it('offers no action to a 子ども家庭支援センター that reads the application through a linked case', async () => {
    const a = (await apply({ motherId: undefined, interviewId, babyBirthDate: addDays(today, -10) })).body;
    const { id: caseId } = await createCase(t.dataSource, { officeId: await t.officeId('CFS-NERIMA'), leadWorkerId: await t.userId('consultant1') });
    await t.dataSource.query(`UPDATE pregnancy_notifications SET case_id = $2 WHERE id = $1`, [notificationId, caseId]);
    try {
      const read = await t.get(`/api/v1/postpartum-care-applications/${a.id}`, { token: consultant1 });
      expect(read.status).toBe(200);
      expect(read.body.allowedActions).toEqual([]);
      expect((await t.post(`/api/v1/postpartum-care-applications/${a.id}/cancel`, { token: consultant1, body: { reason: 'x', version: a.version } })).status).toBe(403);
    } finally {
      await t.dataSource.query(`UPDATE pregnancy_notifications SET case_id = NULL WHERE id = $1`, [notificationId]);
    }
  });

  it("keeps another office's applications invisible", async () => {
    const a = (await apply({ babyBirthDate: addDays(today, -10) })).body;
    for (const token of [consultant1, nurse2]) {
      expect((await t.get(`/api/v1/postpartum-care-applications/${a.id}`, { token })).status).toBe(404);
      expect((await t.post(`/api/v1/postpartum-care-applications/${a.id}/cancel`, { token, body: { reason: 'x', version: a.version } })).status).toBe(404);
      expect((await t.get('/api/v1/postpartum-care-applications', { token, query: { limit: 200 } })).body.items).toEqual([]);
      expect((await apply({ babyBirthDate: addDays(today, -10) }, token)).status).toBe(token === consultant1 ? 403 : 404);
    }
    const mine = await t.get('/api/v1/postpartum-care-applications', { token: supervisor3, query: { status: 'applied', limit: 200 } });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(mine.body.total).toBe(mine.body.items.length);
  });
});
