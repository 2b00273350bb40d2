import { addDays, todayInJapan } from '../src/common/time/japan-time';
import { createCaseWithChild } from './factories/casework';
import { createShortStayFacility, createShortStayRecord } from './factories/short-stays';
import { TestApp } from './harness/test-app';

/**
 * Beds: approvals racing for the last bed, the vacancy board against the
 * bookings, cancellation freeing beds, and dated capacity changes.
 */
describe('short stays: beds per night', () => {
  let t: TestApp;
  let nerima: string;
  let consultant1: string;
  let supervisor1: string;
  let admin: string;
  let consultant1Id: string;
  let supervisor1Id: string;
  const today = todayInJapan();
  const d = (days: number) => addDays(today, days);

  beforeAll(async () => {
    t = await TestApp.start();
    nerima = await t.officeId('CFS-NERIMA');
    [consultant1, supervisor1, admin] = await Promise.all(['consultant1', 'supervisor1', 'admin'].map((l) => t.login(l)));
    consultant1Id = await t.userId('consultant1');
    supervisor1Id = await t.userId('supervisor1');
  });
  afterAll(async () => {
    await t.close();
  });

  const request = async (facilityId: string, firstNight: string, lastNight: string, householdStatus = 'taxed') => {
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id, child: { birthDate: '2018-09-01' } });
    const res = await t.post('/api/v1/short-stays', {
      token: consultant1,
      body: { caseId: c.id, childId: c.childId, facilityId, firstNight, lastNight, householdStatus, reason: '保護者の疾病', guardianConsentOn: today, guardianConsentBy: '父', contactDuringStay: '父 携帯' },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };

  /** Beds on each night of the facility in the database itself: the ledger, and the bookings counted afresh. */
  const ledger = (facilityId: string) =>
    t.dataSource.query(
      `SELECT n.night::text AS night, n.capacity, n.taken, (SELECT count(*)::int FROM short_stay_bookings b WHERE b.facility_id = n.facility_id AND b.night = n.night) AS bookings
         FROM short_stay_nights n WHERE n.facility_id = $1 ORDER BY n.night`,
      [facilityId],
    );

  const board = async (facilityId: string, from: string, to: string) => {
    const res = await t.get('/api/v1/short-stays/vacancies', { token: consultant1, query: { from, to, facilityId } });
    expect(res.status).toBe(200);
    return res.body.facilities[0] as { nights: Array<{ night: string; bedsTotal: number; bedsTaken: number; bedsFree: number }>; nightsWithFreeBed: number };
  };

  it('50 concurrent approvals for the last bed: exactly one succeeds, 49 get 409, no night is over capacity', async () => {
    const facility = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 2 });
    const night = d(5);
    // One of the two beds is already taken.
    const taken = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    await createShortStayRecord(t.dataSource, { officeId: nerima, caseId: taken.id, childId: taken.childId, facilityId: facility, firstNight: d(4), lastNight: d(6), requestedBy: consultant1Id, decidedBy: supervisor1Id, status: 'approved' });
    const requests = [];
    for (let i = 0; i < 50; i += 1) requests.push(await request(facility, night, night));

    const results = await Promise.all(requests.map((r) => t.post(`/api/v1/short-stays/${r.id}/approve`, { token: supervisor1, body: {} })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body.code).toBe('conflict');
      expect(refused.body.detail).toContain('空床がありません');
      expect(refused.body.fullNights).toEqual([night]);
    }

    const states = await t.dataSource.query(`SELECT status, count(*)::int AS n FROM short_stays WHERE facility_id = $1 GROUP BY status ORDER BY status`, [facility]);
    expect(states).toEqual([
      { status: 'requested', n: 49 },
      { status: 'approved', n: 1 + 1 },
    ]);
    const nights = await ledger(facility);
    expect(nights).toEqual([
      { night: d(4), capacity: 2, taken: 1, bookings: 1 },
      { night: d(5), capacity: 2, taken: 2, bookings: 2 },
      { night: d(6), capacity: 2, taken: 1, bookings: 1 },
    ]);
    const overCapacity = await t.dataSource.query(
      `SELECT b.facility_id, b.night, count(*) FROM short_stay_bookings b GROUP BY b.facility_id, b.night
       HAVING count(*) > short_stay_capacity(b.facility_id, b.night)`,
    );
    expect(overCapacity).toEqual([]);
    // The losers can still be approved for a night with room, once it is free.
    const loser = requests.find((_request, i) => results[i].status === 409);
    expect((await t.get(`/api/v1/short-stays/${loser?.id}`, { token: supervisor1 })).body.status).toBe('requested');
  });

  it('the database itself refuses a booking beyond capacity, whatever the code does', async () => {
    const facility = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 1 });
    const a = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    const b = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    const spec = { officeId: nerima, facilityId: facility, firstNight: d(8), lastNight: d(8), requestedBy: consultant1Id, decidedBy: supervisor1Id, status: 'approved' as const };
    await createShortStayRecord(t.dataSource, { ...spec, caseId: a.id, childId: a.childId });
    await expect(createShortStayRecord(t.dataSource, { ...spec, caseId: b.id, childId: b.childId })).rejects.toMatchObject({ problem: { status: 409, detail: expect.stringContaining('空床がありません') } });
    await expect(t.dataSource.query(`UPDATE short_stay_nights SET taken = taken + 1 WHERE facility_id = $1`, [facility])).rejects.toThrow(/short_stay_nights_within_capacity/);
    await expect(t.dataSource.query(`UPDATE short_stay_bookings SET night = night + 1 WHERE facility_id = $1`, [facility])).rejects.toThrow(/never updated/);
    // Nor can one child hold two beds on one night.
    const other = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 1 });
    await expect(createShortStayRecord(t.dataSource, { ...spec, facilityId: other, caseId: a.id, childId: a.childId })).rejects.toMatchObject({ problem: { status: 409, detail: expect.stringContaining('同じ泊') } });
  });

  it('the vacancy board shows beds total / taken / free per night, equal to the bookings', async () => {
    const facility = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 3, name: '空床表示試験ホーム' });
    const stays = [
      [d(10), d(12)],
      [d(11), d(13)],
      [d(11), d(11)],
      [d(15), d(15)],
    ];
    for (const [first, last] of stays) {
      const stay = await request(facility, first, last);
      expect((await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: {} })).status).toBe(200);
    }
    // A waiting request holds no bed.
    await request(facility, d(10), d(10));
    const shown = await board(facility, d(9), d(16));
    expect(shown.nights).toEqual([
      { night: d(9), bedsTotal: 3, bedsTaken: 0, bedsFree: 3 },
      { night: d(10), bedsTotal: 3, bedsTaken: 1, bedsFree: 2 },
      { night: d(11), bedsTotal: 3, bedsTaken: 3, bedsFree: 0 },
      { night: d(12), bedsTotal: 3, bedsTaken: 2, bedsFree: 1 },
      { night: d(13), bedsTotal: 3, bedsTaken: 1, bedsFree: 2 },
      { night: d(14), bedsTotal: 3, bedsTaken: 0, bedsFree: 3 },
      { night: d(15), bedsTotal: 3, bedsTaken: 1, bedsFree: 2 },
      { night: d(16), bedsTotal: 3, bedsTaken: 0, bedsFree: 3 },
    ]);
    expect(shown.nightsWithFreeBed).toBe(7);
    const fromDb = await t.dataSource.query(
      `SELECT night::text AS night, count(*)::int AS n FROM short_stay_bookings b JOIN short_stays s ON s.id = b.short_stay_id
        WHERE b.facility_id = $1 AND s.status IN ('approved', 'in_stay', 'completed') GROUP BY night ORDER BY night`,
      [facility],
    );
    for (const row of fromDb) expect(shown.nights.find((n) => n.night === row.night)?.bedsTaken).toBe(row.n);
    for (const n of await ledger(facility)) expect(shown.nights.find((x) => x.night === n.night)).toMatchObject({ bedsTotal: n.capacity, bedsTaken: n.taken });

    // The full night is refused at the pre-check, naming it.
    const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id });
    const check = await t.post('/api/v1/short-stays/check', { token: consultant1, body: { caseId: c.id, childId: c.childId, facilityId: facility, firstNight: d(10), lastNight: d(12) } });
    const beds = check.body.checks.find((x: { code: string }) => x.code === 'beds_free');
    expect(beds).toMatchObject({ passed: false, details: { fullNights: [d(11)] } });

    const filtered = await t.get('/api/v1/short-stays/vacancies', { token: admin, query: { from: d(9), to: d(9), facilityType: 'infant_home' } });
    expect(filtered.body.facilities.map((f: { facilityId: string }) => f.facilityId)).not.toContain(facility);
    const tooLong = await t.get('/api/v1/short-stays/vacancies', { token: consultant1, query: { from: d(0), to: d(120) } });
    expect(tooLong.status).toBe(400);
  });

  it('cancelling an approved stay frees its beds at once', async () => {
    const facility = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 1 });
    const first = await request(facility, d(20), d(22));
    const second = await request(facility, d(21), d(21));
    const approved = await t.post(`/api/v1/short-stays/${first.id}/approve`, { token: supervisor1, body: {} });
    expect(approved.status).toBe(200);
    const full = await t.post(`/api/v1/short-stays/${second.id}/approve`, { token: supervisor1, body: {} });
    expect(full.status).toBe(409);
    expect((await board(facility, d(20), d(22))).nights.map((n) => n.bedsFree)).toEqual([0, 0, 0]);

    const cancelled = await t.post(`/api/v1/short-stays/${first.id}/cancel`, { token: consultant1, body: { reason: '保護者の退院が早まった' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.events.at(-1)).toMatchObject({ action: 'cancel', fromStatus: 'approved', toStatus: 'cancelled', details: { nightsFreed: 3 } });
    expect((await board(facility, d(20), d(22))).nights.map((n) => n.bedsFree)).toEqual([1, 1, 1]);
    expect((await ledger(facility)).map((n: { taken: number }) => n.taken)).toEqual([0, 0, 0]);
    expect((await t.post(`/api/v1/short-stays/${second.id}/approve`, { token: supervisor1, body: {} })).status).toBe(200);
  });

  describe('facility profiles and dated bed changes', () => {
    it('one bed out of service for a week lowers those nights only; fewer beds than booked is refused', async () => {
      const facility = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 2 });
      const stay = await request(facility, d(31), d(31));
      expect((await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: {} })).status).toBe(200);

      const change = await t.post(`/api/v1/short-stay-facilities/${facility}/capacity-changes`, {
        token: supervisor1,
        body: { firstNight: d(30), lastNight: d(36), bedDelta: -1, reason: '居室改修のため1床休止' },
      });
      expect(change.status).toBe(201);
      expect(change.body.capacityChanges).toEqual([expect.objectContaining({ firstNight: d(30), lastNight: d(36), bedDelta: -1 })]);
      expect((await board(facility, d(29), d(37))).nights.map((n) => [n.bedsTotal, n.bedsFree])).toEqual([
        [2, 2],
        [1, 1],
        [1, 0],
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
        [2, 2],
      ]);
      expect((await ledger(facility)).find((n: { night: string }) => n.night === d(31))).toMatchObject({ capacity: 1, taken: 1 });

      const second = await t.post(`/api/v1/short-stay-facilities/${facility}/capacity-changes`, {
        token: supervisor1,
        body: { firstNight: d(31), lastNight: d(31), bedDelta: -1, reason: '職員不足' },
      });
      expect(second.status).toBe(409);
      expect(second.body.overbookedNights).toEqual([{ night: d(31), bedsTaken: 1, bedsTotal: 0 }]);
      expect((await t.get(`/api/v1/short-stay-facilities/${facility}`, { token: consultant1 })).body.capacityChanges).toHaveLength(1);

      // Removing the change gives the bed back.
      const removed = await t.request('DELETE', `/api/v1/short-stay-facilities/${facility}/capacity-changes/${change.body.capacityChanges[0].id}`, { token: admin });
      expect(removed.status).toBe(200);
      expect((await board(facility, d(31), d(31))).nights[0]).toMatchObject({ bedsTotal: 2, bedsFree: 1 });
      expect((await ledger(facility)).find((n: { night: string }) => n.night === d(31))).toMatchObject({ capacity: 2 });
    });

    it('profiles: admins and the facility office’s supervisors maintain them; consultants read; version checked; beds below bookings refused', async () => {
      const nukui = await t.officeId('CFS-NUKUI');
      const facility = (await t.dataSource.query(`INSERT INTO facilities (type, name, office_id) VALUES ('foster_home', '協力家庭 試験', $1) RETURNING id`, [nerima]))[0].id;
      const unconfigured = await t.get('/api/v1/short-stay-facilities', { token: consultant1, query: { configured: false } });
      expect(unconfigured.body.map((f: { facilityId: string }) => f.facilityId)).toContain(facility);

      expect((await t.request('PUT', `/api/v1/short-stay-facilities/${facility}`, { token: consultant1, body: { minAge: 2, maxAge: 12, baseBeds: 1 } })).status).toBe(403);
      const supervisor2 = await t.login('supervisor2');
      expect((await t.request('PUT', `/api/v1/short-stay-facilities/${facility}`, { token: supervisor2, body: { minAge: 2, maxAge: 12, baseBeds: 1 } })).status).toBe(403);
      const created = await t.request('PUT', `/api/v1/short-stay-facilities/${facility}`, { token: supervisor1, body: { minAge: 2, maxAge: 12, baseBeds: 1, notes: '週末のみ受入' } });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ configured: true, minAge: 2, maxAge: 12, baseBeds: 1, bedsTonight: 1, version: 1, typeLabel: '協力家庭' });

      const stay = await request(facility, d(40), d(40));
      expect((await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: {} })).status).toBe(200);
      expect((await t.request('PUT', `/api/v1/short-stay-facilities/${facility}`, { token: admin, body: { minAge: 2, maxAge: 12, baseBeds: 2 } })).status).toBe(400);
      const stale = await t.request('PUT', `/api/v1/short-stay-facilities/${facility}`, { token: admin, body: { minAge: 2, maxAge: 12, baseBeds: 2, version: 7 } });
      expect(stale.status).toBe(409);
      const none = await t.request('PUT', `/api/v1/short-stay-facilities/${facility}`, { token: admin, body: { minAge: 2, maxAge: 12, baseBeds: 0, version: 1 } });
      expect(none.status).toBe(409);
      expect(none.body.overbookedNights).toEqual([{ night: d(40), bedsTaken: 1, bedsTotal: 0 }]);
      const more = await t.request('PUT', `/api/v1/short-stay-facilities/${facility}`, { token: admin, body: { minAge: 2, maxAge: 12, baseBeds: 2, version: 1 } });
      expect(more.status).toBe(200);
      expect((await ledger(facility))[0]).toMatchObject({ capacity: 2, taken: 1 });

      const nursery = (await t.dataSource.query(`INSERT INTO facilities (type, name, office_id) VALUES ('nursery', '保育園 試験', $1) RETURNING id`, [nukui]))[0].id;
      expect((await t.request('PUT', `/api/v1/short-stay-facilities/${nursery}`, { token: admin, body: { minAge: 2, maxAge: 12, baseBeds: 1 } })).status).toBe(404);
    });
  });
});
