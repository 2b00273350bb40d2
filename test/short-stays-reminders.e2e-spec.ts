import { addDays, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { ShortStayReminders } from '../src/modules/short-stays/short-stay-reminders';
import { createCaseWithChild } from './factories/casework';
import { createShortStayFacility, createShortStayRecord } from './factories/short-stays';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { waitFor } from './harness/wait';

/**
 * Reminders of a stay through the reminder engine, delivered by the real
 * worker: "starts tomorrow" to the requesting worker; the return check three
 * days after the last night to the worker, then (escalation) the supervisors.
 */
describe('short stays: reminders', () => {
  let t: TestApp;
  let worker: TestWorker;
  let nerima: string;
  let consultant1: string;
  let supervisor1: string;
  let consultant1Id: string;
  let supervisor1Id: string;
  let facility: string;
  const today = todayInJapan();
  const d = (days: number) => addDays(today, days);
  const nineAm = (date: string) => japanDateTime(date, 9);

  beforeAll(async () => {
    t = await TestApp.start();
    worker = await TestWorker.start(t.config);
    nerima = await t.officeId('CFS-NERIMA');
    [consultant1, supervisor1] = await Promise.all(['consultant1', 'supervisor1'].map((l) => t.login(l)));
    consultant1Id = await t.userId('consultant1');
    supervisor1Id = await t.userId('supervisor1');
    facility = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 5 });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const remindersOf = (stayId: string) =>
    t.dataSource.query(
      `SELECT rule, stage, state, due_at, recipients, urgent, subject_type, subject_id, office_id, version FROM reminders WHERE subject_id = $1 ORDER BY rule, stage`,
      [stayId],
    );
  const inbox = (userId: string, stayId: string) =>
    t.dataSource.query(`SELECT rule, urgent, title FROM notifications WHERE user_id = $1 AND subject_id = $2 ORDER BY created_at`, [userId, stayId]);

  const approvedViaApi = async (first: string, last: string) => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    const created = await t.post('/api/v1/short-stays', {
      token: consultant1,
      body: { caseId: c.id, childId: c.childId, facilityId: facility, firstNight: first, lastNight: last, householdStatus: 'taxed', reason: '保護者の入院', guardianConsentOn: today, guardianConsentBy: '母', contactDuringStay: '母 携帯' },
    });
    expect(created.status).toBe(201);
    const approved = await t.post(`/api/v1/short-stays/${created.body.id}/approve`, { token: supervisor1, body: {} });
    expect(approved.status).toBe(200);
    return created.body.id as string;
  };

  /** A stay already under way in the past (as if approved days ago), with its reminders planned now as at approval. */
  const pastStay = async (first: string, last: string) => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    const id = await createShortStayRecord(t.dataSource, { officeId: nerima, caseId: c.id, childId: c.childId, facilityId: facility, firstNight: first, lastNight: last, requestedBy: consultant1Id, decidedBy: supervisor1Id, status: 'in_stay' });
    await t.dataSource.transaction((m) => t.app.get(ShortStayReminders).stayApproved(m, { id, officeId: nerima, caseId: c.id, requestedBy: consultant1Id, firstNight: first, lastNight: last }, supervisor1Id));
    return id;
  };

  it('approval schedules "starts tomorrow" (worker, the day before at 09:00) and the return check (worker; supervisors on escalation)', async () => {
    const id = await approvedViaApi(d(5), d(7));
    const rows = await remindersOf(id);
    expect(rows).toEqual([
      expect.objectContaining({
        rule: 'short_stay.return_check_due',
        stage: 'due',
        state: 'scheduled',
        due_at: nineAm(d(10)),
        recipients: [{ kind: 'user', userId: consultant1Id }],
        subject_type: 'short_stay',
        office_id: nerima,
      }),
      expect.objectContaining({
        rule: 'short_stay.return_check_due',
        stage: 'escalation',
        state: 'scheduled',
        due_at: nineAm(d(12)),
        recipients: [{ kind: 'office_role', officeId: nerima, role: 'supervisor' }],
        urgent: true,
      }),
      expect.objectContaining({ rule: 'short_stay.starts_tomorrow', stage: 'due', state: 'scheduled', due_at: nineAm(d(4)), recipients: [{ kind: 'user', userId: consultant1Id }] }),
    ]);
  });

  it('extension moves the return check only; cancellation cancels every reminder of the stay', async () => {
    const id = await approvedViaApi(d(20), d(21));
    const before = await remindersOf(id);
    const extended = await t.post(`/api/v1/short-stays/${id}/extend`, { token: supervisor1, body: { lastNight: d(23), reason: '保護者の入院延長' } });
    expect(extended.status).toBe(200);
    const after = await remindersOf(id);
    const find = (rows: Array<{ rule: string; stage: string }>, rule: string, stage: string) => rows.find((r) => r.rule === rule && r.stage === stage);
    expect(find(after, 'short_stay.return_check_due', 'due')).toMatchObject({ due_at: nineAm(d(26)) });
    expect(find(after, 'short_stay.return_check_due', 'escalation')).toMatchObject({ due_at: nineAm(d(28)) });
    expect(find(after, 'short_stay.starts_tomorrow', 'due')).toEqual(find(before, 'short_stay.starts_tomorrow', 'due'));

    const cancelled = await t.post(`/api/v1/short-stays/${id}/cancel`, { token: consultant1, body: { reason: '家族の支援が得られた' } });
    expect(cancelled.status).toBe(200);
    expect((await remindersOf(id)).map((r: { state: string }) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('check-in cancels "starts tomorrow"', async () => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    const id = await createShortStayRecord(t.dataSource, { officeId: nerima, caseId: c.id, childId: c.childId, facilityId: facility, firstNight: today, lastNight: d(1), requestedBy: consultant1Id, decidedBy: supervisor1Id, status: 'approved' });
    // Planned as if approved yesterday, when the stay still started "tomorrow".
    await t.dataSource.transaction((m) =>
      t.app.get(ShortStayReminders).stayApproved(m, { id, officeId: nerima, caseId: c.id, requestedBy: consultant1Id, firstNight: d(1), lastNight: d(1) }, supervisor1Id),
    );
    expect((await t.post(`/api/v1/short-stays/${id}/check-in`, { token: consultant1, body: {} })).status).toBe(200);
    const start = (await remindersOf(id)).find((r: { rule: string }) => r.rule === 'short_stay.starts_tomorrow');
    expect(start.state === 'cancelled' || start.state === 'delivered').toBe(true);
    const resolved = await t.dataSource.query(`SELECT resolved_at FROM reminders WHERE subject_id = $1 AND rule = 'short_stay.starts_tomorrow'`, [id]);
    expect(resolved[0].resolved_at).not.toBeNull();
  });

  it('return check not recorded 3 days after the last night: the worker is reminded, then the supervisors (urgent)', async () => {
    // Last night six days ago: due three days ago, escalation yesterday — both already due.
    const id = await pastStay(d(-8), d(-6));
    await waitFor(() => inbox(supervisor1Id, id), (rows) => rows.length === 1, { what: 'escalation delivered to supervisor1', timeoutMs: 20_000 });
    await waitFor(() => inbox(consultant1Id, id), (rows) => rows.length === 1, { what: 'reminder delivered to consultant1', timeoutMs: 20_000 });
    expect(await inbox(consultant1Id, id)).toEqual([expect.objectContaining({ rule: 'short_stay.return_check_due', urgent: false })]);
    expect(await inbox(supervisor1Id, id)).toEqual([expect.objectContaining({ rule: 'short_stay.return_check_due', urgent: true })]);
    // Only the requesting office's supervisors.
    expect(await inbox(await t.userId('supervisor2'), id)).toEqual([]);
    const api = await t.get('/api/v1/notifications', { token: consultant1 });
    expect(api.body.items.some((n: { subjectType: string; subjectId: string }) => n.subjectType === 'short_stay' && n.subjectId === id)).toBe(true);
  });

  it('a return check recorded in time stops the escalation', async () => {
    // Last night four days ago: the worker's reminder is due (yesterday), the escalation only tomorrow.
    const id = await pastStay(d(-6), d(-4));
    await waitFor(() => inbox(consultant1Id, id), (rows) => rows.length === 1, { what: 'reminder delivered to consultant1', timeoutMs: 20_000 });
    const done = await t.post(`/api/v1/short-stays/${id}/complete`, { token: consultant1, body: { returnedOn: d(-3), returnCheckedOn: today, childCondition: '落ち着いて過ごしている' } });
    expect(done.status).toBe(200);
    const escalation = (await remindersOf(id)).find((r: { stage: string }) => r.stage === 'escalation');
    expect(escalation.state).toBe('cancelled');
    expect(await inbox(supervisor1Id, id)).toEqual([]);
  });

  it("stays of a transferred case go with it: the receiving office decides them and its worker gets their reminders", async () => {
    const [nukui, supervisor2, consultant2Id] = await Promise.all([t.officeId('CFS-NUKUI'), t.login('supervisor2'), t.userId('consultant2')]);
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    const request = (first: string, last: string) =>
      t.post('/api/v1/short-stays', {
        token: consultant1,
        body: { caseId: c.id, childId: c.childId, facilityId: facility, firstNight: first, lastNight: last, householdStatus: 'taxed', reason: '保護者の入院', guardianConsentOn: today, guardianConsentBy: '母', contactDuringStay: '母 携帯' },
      });
    const booked = (await request(d(20), d(21))).body.id as string;
    expect((await t.post(`/api/v1/short-stays/${booked}/approve`, { token: supervisor1, body: {} })).status).toBe(200);
    const waiting = (await request(d(24), d(25))).body.id as string;

    const offered = await t.post(`/api/v1/cases/${c.id}/transfers`, { token: supervisor1, body: { toOfficeId: nukui, reason: '転居' } });
    expect((await t.post(`/api/v1/case-transfers/${offered.body.id}/accept`, { token: supervisor2, body: { leadWorkerId: consultant2Id } })).status).toBe(200);

    expect(await t.dataSource.query(`SELECT office_id FROM short_stays WHERE id = ANY ($1) ORDER BY first_night`, [[booked, waiting]])).toEqual([{ office_id: nukui }, { office_id: nukui }]);
    // The stay already booked: its reminders now name the receiving office's lead worker and supervisors.
    const moved = (await remindersOf(booked)).filter((r: { state: string }) => r.state === 'scheduled');
    expect(moved.map((r: { stage: string; office_id: string; recipients: unknown[] }) => [r.stage, r.office_id, r.recipients])).toEqual([
      ['due', nukui, [{ kind: 'user', userId: consultant2Id }]],
      ['escalation', nukui, [{ kind: 'office_role', officeId: nukui, role: 'supervisor' }]],
      ['due', nukui, [{ kind: 'user', userId: consultant2Id }]],
    ]);
    // The request still waiting is decided by the receiving office's supervisor; its reminders go to their worker too.
    expect((await t.post(`/api/v1/short-stays/${waiting}/approve`, { token: supervisor1, body: {} })).status).toBe(403);
    expect((await t.post(`/api/v1/short-stays/${waiting}/approve`, { token: supervisor2, body: {} })).status).toBe(200);
    const approved = await remindersOf(waiting);
    expect(approved.filter((r: { stage: string }) => r.stage === 'due').map((r: { recipients: unknown[] }) => r.recipients)).toEqual([
      [{ kind: 'user', userId: consultant2Id }],
      [{ kind: 'user', userId: consultant2Id }],
    ]);
  });
});
