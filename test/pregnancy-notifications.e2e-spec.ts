import { addDays, fiscalYearOf, todayInJapan } from '../src/common/time/japan-time';
import { createCase, createPerson } from './factories/casework';
import { createStaff, interviewBody, notificationBody } from './factories/pregnancy';
import { TestApp } from './harness/test-app';

describe('妊娠届 (pregnancy notifications)', () => {
  let t: TestApp;
  let nurse1: string;
  let supervisor3: string;
  let consultant1: string;
  let nurse2: string;
  let admin: string;
  let toyotama: string;

  beforeAll(async () => {
    t = await TestApp.start();
    toyotama = await t.officeId('HC-TOYOTAMA');
    await createStaff(t.dataSource, 'nurse2', 'HC-KITA', ['consultant']);
    [nurse1, supervisor3, consultant1, nurse2, admin] = await Promise.all(['nurse1', 'supervisor3', 'consultant1', 'nurse2', 'admin'].map((l) => t.login(l)));
  });
  afterAll(async () => {
    await t.close();
  });

  const file = (token: string, body: Record<string, unknown>) => t.post('/api/v1/pregnancy-notifications', { token, body });

  it('records a 妊娠届 with a new mother and puts it on the waiting list, oldest first', async () => {
    const older = await file(nurse1, notificationBody({ daysAgo: 9 }));
    const newer = await file(nurse1, notificationBody({ daysAgo: 2 }));
    expect(older.status).toBe(201);
    expect(older.body).toMatchObject({ officeId: toyotama, status: 'filed', statusLabel: '面談未実施', daysWaiting: 9, specifiedStatus: 'none', editable: true, birthOrderLabel: '初産' });
    expect(older.body.mother.nameKana).toMatch(/^ニンプ/);

    const person = await t.dataSource.query(`SELECT kind, sex, office_id FROM persons WHERE id = $1`, [older.body.mother.id]);
    expect(person[0]).toEqual({ kind: 'expectant_mother', sex: 'female', office_id: toyotama });
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE resource_id = $1 ORDER BY id`, [older.body.mother.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['person.create']);

    const waiting = await t.get('/api/v1/pregnancy-notifications/not-interviewed', { token: nurse1, query: { limit: 200 } });
    expect(waiting.status).toBe(200);
    const ids = waiting.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(older.body.id)).toBeLessThan(ids.indexOf(newer.body.id));
    expect(waiting.body.items.find((i: { id: string }) => i.id === older.body.id)).toMatchObject({ daysWaiting: 9, weeksAtFiling: 10, contactAttempts: 0 });
  });

  it('pages the waiting list with a keyset cursor', async () => {
    for (let i = 0; i < 3; i += 1) expect((await file(nurse1, notificationBody({ daysAgo: 30 + i }))).status).toBe(201);
    const first = await t.get('/api/v1/pregnancy-notifications/not-interviewed', { token: nurse1, query: { limit: 2 } });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThanOrEqual(5);
    const second = await t.get('/api/v1/pregnancy-notifications/not-interviewed', { token: nurse1, query: { limit: 2, cursor: first.body.nextCursor } });
    const firstIds = first.body.items.map((i: { id: string }) => i.id);
    expect(second.body.items.some((i: { id: string }) => firstIds.includes(i.id))).toBe(false);
    expect(first.body.items[1].filedOn <= second.body.items[0].filedOn).toBe(true);
  });

  it('asks before registering a mother with the same kana reading and birth date, whatever the kana script', async () => {
    const first = await file(nurse1, notificationBody({ mother: { nameKanji: '豊玉 さくら', nameKana: 'トヨタマ サクラ', birthDate: '1992-03-03' } }));
    expect(first.status).toBe(201);
    const again = notificationBody({ mother: { nameKanji: '豊玉 桜', nameKana: 'とよたま　さくら', birthDate: '1992-03-03' } });
    const duplicate = await file(nurse1, again);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ type: expect.stringContaining('duplicate') });
    expect(duplicate.body.candidates).toEqual([{ id: first.body.mother.id, nameKanji: '豊玉 さくら', nameKana: 'トヨタマ サクラ', birthDate: '1992-03-03' }]);

    // Another office's staff do not see her, so they are not asked (and learn nothing).
    const elsewhere = await file(nurse2, again);
    expect(elsewhere.status).toBe(201);

    // Same person, same pregnancy: refused; a different person with createAnyway: accepted.
    expect((await file(nurse1, { ...again, mother: undefined, motherId: first.body.mother.id })).status).toBe(409);
    const anyway = await file(nurse1, { ...again, createAnyway: true });
    expect(anyway.status).toBe(201);
    expect(anyway.body.mother.id).not.toBe(first.body.mother.id);
  });

  it('files for a registered person in scope, and not for one outside it', async () => {
    const own = await createPerson(t.dataSource, { officeId: toyotama, kind: 'expectant_mother', sex: 'female', birthDate: '1990-01-01' });
    const { mother: _m, ...body } = notificationBody();
    expect((await file(nurse1, { ...body, motherId: own })).status).toBe(201);
    const foreign = await createPerson(t.dataSource, { officeId: await t.officeId('CFS-NUKUI'), kind: 'guardian', sex: 'female' });
    expect((await file(nurse1, { ...body, motherId: foreign })).status).toBe(404);
    expect((await file(nurse1, { ...body })).status).toBe(400);
    expect((await file(nurse1, { ...body, motherId: own, mother: notificationBody().mother })).status).toBe(400);
  });

  it("hides a woman of the office who is in another office's restricted case, as the person search does", async () => {
    const mother = { nameKanji: '秘匿 みどり', nameKana: 'ヒトク ミドリ', birthDate: '1991-07-07' };
    const hidden = await createPerson(t.dataSource, { officeId: toyotama, kind: 'guardian', sex: 'female', ...mother });
    await createCase(t.dataSource, { officeId: await t.officeId('CFS-NERIMA'), restricted: true, members: [{ personId: hidden, relationship: 'mother' }] });

    // Neither named as a candidate (her name and id would say she is on record) nor filed on by id.
    const typedIn = await file(nurse1, notificationBody({ mother }));
    expect(typedIn.status).toBe(201);
    expect(typedIn.body.mother.id).not.toBe(hidden);
    const { mother: _m, ...body } = notificationBody();
    expect((await file(nurse1, { ...body, motherId: hidden })).status).toBe(404);
  });

  it('rejects inconsistent, past and absurd dates with per-field errors', async () => {
    const inconsistent = await file(nurse1, notificationBody({ dueDate: addDays(todayInJapan(), 30) }));
    expect(inconsistent.status).toBe(400);
    expect(inconsistent.body.errors).toEqual([expect.objectContaining({ field: 'dueDate', code: 'inconsistent_with_weeks' })]);

    const past = await file(nurse1, notificationBody({ daysAgo: 300, weeks: 8 }));
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'dueDate', code: 'in_past' })]);

    const absurd = await file(nurse1, notificationBody({ weeks: 2 }));
    expect(absurd.status).toBe(400);
    expect(absurd.body.errors).toEqual([expect.objectContaining({ field: 'weeksAtFiling', code: 'out_of_range' })]);

    const future = await file(nurse1, { ...notificationBody(), filedOn: addDays(todayInJapan(), 1) });
    expect(future.status).toBe(400);
    expect(future.body.errors.map((e: { field: string }) => e.field)).toContain('filedOn');

    const badDate = await file(nurse1, { ...notificationBody(), dueDate: '2027-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ field: 'dueDate', code: 'isJapanDate' })]);

    const unknown = await file(nurse1, { ...notificationBody(), secret: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'secret', code: 'unknown_field' })]);
  });

  it('is recorded by 保健相談所 staff only', async () => {
    const res = await file(consultant1, notificationBody());
    expect(res.status).toBe(403);
  });

  it("keeps another office's notifications invisible (404) and out of its lists", async () => {
    const created = await file(nurse1, notificationBody());
    const id = created.body.id;
    for (const token of [nurse2, consultant1]) {
      expect((await t.get(`/api/v1/pregnancy-notifications/${id}`, { token })).status).toBe(404);
      expect((await t.patch(`/api/v1/pregnancy-notifications/${id}`, { token, body: { version: 1, notes: 'x' } })).status).toBe(404);
      expect((await t.post(`/api/v1/pregnancy-notifications/${id}/contact-attempts`, { token, body: { attemptedOn: todayInJapan(), method: 'phone', result: 'no_answer' } })).status).toBe(404);
      const list = await t.get('/api/v1/pregnancy-notifications', { token, query: { limit: 200 } });
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
      const waiting = await t.get('/api/v1/pregnancy-notifications/not-interviewed', { token, query: { limit: 200 } });
      expect(waiting.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    }
    expect((await t.get(`/api/v1/pregnancy-notifications/${id}`, { token: supervisor3 })).status).toBe(200);
    // Admins manage settings, not case content.
    expect((await t.get(`/api/v1/pregnancy-notifications/${id}`, { token: admin })).status).toBe(403);
  });

  it('edits with optimistic locking and re-checks the dates', async () => {
    const created = (await file(nurse1, notificationBody({ daysAgo: 3 }))).body;
    const url = `/api/v1/pregnancy-notifications/${created.id}`;
    const edited = await t.patch(url, { token: nurse1, body: { version: created.version, medicalInstitution: '豊玉クリニック', multiplePregnancy: true } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ medicalInstitution: '豊玉クリニック', multiplePregnancy: true, version: created.version + 1 });
    expect((await t.patch(url, { token: nurse1, body: { version: created.version, notes: 'stale' } })).status).toBe(409);
    const bad = await t.patch(url, { token: nurse1, body: { version: edited.body.version, weeksAtFiling: 20 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'dueDate', code: 'inconsistent_with_weeks' })]);
    expect((await t.patch(url, { token: nurse1, body: { version: edited.body.version, dueDate: null } })).status).toBe(400);
    const detail = await t.get(url, { token: nurse1 });
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['filed', 'updated']);
  });

  it('marks a mother unreachable after the configured attempts (once) and restores her on contact', async () => {
    const created = (await file(nurse1, notificationBody({ daysAgo: 20 }))).body;
    const attempt = (result: string) =>
      t.post(`/api/v1/pregnancy-notifications/${created.id}/contact-attempts`, { token: nurse1, body: { attemptedOn: todayInJapan(), method: 'phone', result } });
    expect((await attempt('no_answer')).body).toMatchObject({ becameUnreachable: false, unreachableAfterAttempts: 3, notification: { status: 'filed', consecutiveUnsuccessfulAttempts: 1 } });
    expect((await attempt('message_left')).body.notification.status).toBe('filed');
    const third = await attempt('number_unavailable');
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ becameUnreachable: true, notification: { status: 'unreachable', statusLabel: '連絡不通' }, attempt: { resultLabel: '番号不通', methodLabel: '電話' } });
    expect((await attempt('no_answer')).body.becameUnreachable).toBe(false);

    const unreachable = await t.get('/api/v1/pregnancy-notifications/not-interviewed', { token: nurse1, query: { unreachable: true, limit: 200 } });
    expect(unreachable.body.items.find((i: { id: string }) => i.id === created.id)).toMatchObject({ status: 'unreachable', contactAttempts: 4 });

    expect((await attempt('reached')).body.notification.status).toBe('filed');
    const history = (await t.get(`/api/v1/pregnancy-notifications/${created.id}`, { token: nurse1 })).body.history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['filed', 'marked_unreachable', 'contact_restored']);

    const future = await t.post(`/api/v1/pregnancy-notifications/${created.id}/contact-attempts`, { token: nurse1, body: { attemptedOn: addDays(todayInJapan(), 1), method: 'phone', result: 'no_answer' } });
    expect(future.status).toBe(400);
  });

  it('takes the attempt threshold from the office setting when there is one', async () => {
    const settings = await t.get('/api/v1/pregnancy-settings', { token: admin });
    expect(settings.body).toEqual([expect.objectContaining({ officeId: null, unreachableAfterAttempts: 3, interviewReminderDays: 14, interviewEscalationDays: 28 })]);
    expect((await t.request('PUT', '/api/v1/pregnancy-settings', { token: supervisor3, body: { officeId: toyotama, unreachableAfterAttempts: 2 } })).status).toBe(403);
    const own = await t.request('PUT', '/api/v1/pregnancy-settings', { token: admin, body: { officeId: toyotama, unreachableAfterAttempts: 2 } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ officeId: toyotama, unreachableAfterAttempts: 2, interviewReminderDays: 14 });
    const invalid = await t.request('PUT', '/api/v1/pregnancy-settings', { token: admin, body: { officeId: toyotama, version: own.body.version, interviewEscalationDays: 10 } });
    expect(invalid.status).toBe(400);

    const created = (await file(nurse1, notificationBody())).body;
    const attempt = () => t.post(`/api/v1/pregnancy-notifications/${created.id}/contact-attempts`, { token: nurse1, body: { attemptedOn: todayInJapan(), method: 'letter', result: 'letter_returned' } });
    expect((await attempt()).body.notification.status).toBe('filed');
    expect((await attempt()).body).toMatchObject({ becameUnreachable: true, unreachableAfterAttempts: 2 });

    const restore = await t.request('PUT', '/api/v1/pregnancy-settings', { token: admin, body: { officeId: toyotama, version: own.body.version, unreachableAfterAttempts: 3 } });
    expect(restore.status).toBe(200);
  });

  it('moves coverage when an interview is logged (interviewed ÷ notifications, median days)', async () => {
    const fy = fiscalYearOf(todayInJapan());
    const before = (await t.get('/api/v1/reports/pregnancy-coverage', { token: supervisor3, query: { fiscalYear: fy } })).body;
    expect(before.offices).toHaveLength(1);
    const row = before.offices[0];
    expect(row.officeId).toBe(toyotama);

    const created = (await file(nurse1, notificationBody({ daysAgo: 0 }))).body;
    const afterFiling = (await t.get('/api/v1/reports/pregnancy-coverage', { token: supervisor3, query: { fiscalYear: fy } })).body.offices[0];
    expect(afterFiling.notifications).toBe(row.notifications + 1);
    expect(afterFiling.interviewed).toBe(row.interviewed);

    const interview = await t.post('/api/v1/pregnancy-interviews', { token: nurse1, body: interviewBody(created.id, created.dueDate) });
    expect(interview.status).toBe(201);
    const after = (await t.get('/api/v1/reports/pregnancy-coverage', { token: supervisor3, query: { fiscalYear: fy } })).body.offices[0];
    expect(after).toMatchObject({ notifications: row.notifications + 1, interviewed: row.interviewed + 1, notInterviewed: row.notInterviewed });
    expect(after.coverage).toBeCloseTo(after.interviewed / after.notifications, 4);
    expect(after.medianDaysToInterview).not.toBeNull();

    const waiting = await t.get('/api/v1/pregnancy-notifications/not-interviewed', { token: nurse1, query: { limit: 200 } });
    expect(waiting.body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    const detail = (await t.get(`/api/v1/pregnancy-notifications/${created.id}`, { token: nurse1 })).body;
    expect(detail).toMatchObject({ status: 'interviewed', firstInterviewedOn: todayInJapan(), daysWaiting: null, daysToInterview: 0 });
    expect(detail.interviews).toHaveLength(1);
  });

  it('computes the median from filing to first interview with percentile_cont, per office and ward-wide for admins', async () => {
    const fy = 2030; // a fiscal year of its own so only these rows count
    const kita = await t.officeId('HC-KITA');
    const insert = (officeId: string, filedOn: string, interviewedOn: string | null) =>
      t.dataSource.query(
        `INSERT INTO pregnancy_notifications (office_id, mother_id, filed_on, weeks_at_filing, due_date, birth_order, status, first_interviewed_on)
         VALUES ($1, $2, $3, 10, ($3::date + 210), 'first', $4, $5)`,
        [officeId, motherId, filedOn, interviewedOn ? 'interviewed' : 'filed', interviewedOn],
      );
    const motherId = await createPerson(t.dataSource, { officeId: toyotama, kind: 'expectant_mother', sex: 'female' });
    await insert(toyotama, '2030-05-01', '2030-05-02'); // 1 day
    await insert(toyotama, '2030-05-01', '2030-05-05'); // 4 days
    await insert(toyotama, '2030-06-01', '2030-06-11'); // 10 days
    await insert(toyotama, '2030-07-01', null);
    await insert(kita, '2031-03-31', '2031-04-08'); // 8 days, interviewed in the next fiscal year: still counts
    await insert(kita, '2031-04-01', null); // next fiscal year: not counted

    const own = (await t.get('/api/v1/reports/pregnancy-coverage', { token: nurse1, query: { fiscalYear: fy } })).body;
    expect(own).toMatchObject({ fiscalYear: 2030, fiscalYearLabel: '令和12年度', from: '2030-04-01', to: '2031-03-31', ward: null });
    expect(own.offices).toEqual([expect.objectContaining({ officeId: toyotama, notifications: 4, interviewed: 3, notInterviewed: 1, coverage: 0.75, medianDaysToInterview: 4 })]);

    const ward = (await t.get('/api/v1/reports/pregnancy-coverage', { token: admin, query: { fiscalYear: fy } })).body;
    expect(ward.offices).toHaveLength(6);
    expect(ward.offices.find((o: { officeId: string }) => o.officeId === kita)).toMatchObject({ notifications: 1, interviewed: 1, medianDaysToInterview: 8 });
    expect(ward.ward).toMatchObject({ officeId: null, notifications: 5, interviewed: 4, coverage: 0.8, medianDaysToInterview: 6 });
    // A centre has no 保健相談所 row to see.
    expect((await t.get('/api/v1/reports/pregnancy-coverage', { token: consultant1, query: { fiscalYear: fy } })).body.offices).toEqual([]);
  });

  it('lists with filters and counts, newest first', async () => {
    const list = await t.get('/api/v1/pregnancy-notifications', { token: supervisor3, query: { status: 'unreachable' } });
    expect(list.status).toBe(200);
    expect(list.body.items.every((i: { status: string }) => i.status === 'unreachable')).toBe(true);
    expect(list.body.total).toBe(list.body.items.length);
    const all = await t.get('/api/v1/pregnancy-notifications', { token: supervisor3, query: { limit: 3 } });
    expect(all.body.items).toHaveLength(3);
    expect(all.body.items[0].filedOn >= all.body.items[2].filedOn).toBe(true);
    expect((await t.get('/api/v1/pregnancy-notifications', { token: supervisor3, query: { cursor: 'not-a-cursor' } })).status).toBe(400);
  });
});
