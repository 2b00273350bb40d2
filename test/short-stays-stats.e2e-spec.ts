import { createCaseWithChild } from './factories/casework';
import { createShortStayFacility, createShortStayRecord, ShortStaySpec } from './factories/short-stays';
import { TestApp } from './harness/test-app';

/**
 * The measures on a small hand-built year (FY2024, 2024-04-01 – 2025-03-31)
 * for 貫井, with the expected numbers worked out by hand below.
 */
describe('short stays: fiscal-year measures', () => {
  let t: TestApp;
  let supervisor2: string;
  let home: string;
  let infantHome: string;

  beforeAll(async () => {
    t = await TestApp.start();
    supervisor2 = await t.login('supervisor2');
    const db = t.dataSource;
    const nukui = await t.officeId('CFS-NUKUI');
    const nerima = await t.officeId('CFS-NERIMA');
    const consultant2 = await t.userId('consultant2');
    const supervisor2Id = await t.userId('supervisor2');
    home = await createShortStayFacility(db, { officeId: nukui, type: 'childrens_home', baseBeds: 2, name: '統計試験 児童養護施設' });
    infantHome = await createShortStayFacility(db, { officeId: nukui, type: 'infant_home', minAge: 0, maxAge: 2, baseBeds: 1, name: '統計試験 乳児院' });
    // One bed out of service for ten nights in December: 2 × 365 − 10 = 720 bed-nights at the home.
    await db.query(`INSERT INTO short_stay_capacity_changes (facility_id, first_night, last_night, bed_delta, reason) VALUES ($1, '2024-12-01', '2024-12-10', -1, '改修')`, [home]);

    const child = async (officeId: string, birthDate: string) => createCaseWithChild(db, { officeId, leadWorkerId: officeId === nukui ? consultant2 : await t.userId('consultant1'), child: { birthDate } });
    const c1 = await child(nukui, '2019-05-01'); // 5 at both of its stays
    const c2 = await child(nukui, '2023-06-01'); // 1
    const c3 = await child(nukui, '2014-01-15'); // 11
    const c4 = await child(nukui, '2016-02-01');
    const c5 = await child(nukui, '2017-02-01');
    const c6 = await child(nerima, '2018-02-01');
    const stay = (c: { id: string; childId: string }, spec: Partial<ShortStaySpec> & Pick<ShortStaySpec, 'firstNight' | 'lastNight'>) =>
      createShortStayRecord(db, { officeId: nukui, caseId: c.id, childId: c.childId, facilityId: home, requestedBy: consultant2, decidedBy: supervisor2Id, status: 'completed', ...spec });

    await stay(c1, { firstNight: '2024-05-10', lastNight: '2024-05-12' }); // 3 nights
    await stay(c1, { firstNight: '2024-08-01', lastNight: '2024-08-02' }); // 2 nights
    await stay(c2, { firstNight: '2024-07-01', lastNight: '2024-07-03', facilityId: infantHome }); // 3 nights
    await stay(c3, { firstNight: '2025-03-30', lastNight: '2025-04-02' }); // 2 nights in FY2024, 2 in FY2025
    await stay(c4, { firstNight: '2024-06-01', lastNight: '2024-06-02', status: 'rejected', rejectionReason: 'no_vacancy' });
    await stay(c4, { firstNight: '2024-06-10', lastNight: '2024-06-11', status: 'rejected', rejectionReason: 'other_support_more_suitable' });
    await stay(c4, { firstNight: '2024-09-01', lastNight: '2024-09-01', status: 'rejected', rejectionReason: 'no_vacancy' });
    await stay(c5, { firstNight: '2024-10-01', lastNight: '2024-10-02', status: 'cancelled' });
    await stay(c5, { firstNight: '2025-03-01', lastNight: '2025-03-02', status: 'requested' });
    await stay(c5, { firstNight: '2023-12-01', lastNight: '2023-12-02' }); // FY2023: not counted
    // Another office's stay at the same home: in the home's occupancy, not in 貫井's counts.
    await createShortStayRecord(db, { officeId: nerima, caseId: c6.id, childId: c6.childId, facilityId: home, firstNight: '2024-05-11', lastNight: '2024-05-11', requestedBy: await t.userId('consultant1'), decidedBy: await t.userId('supervisor1'), status: 'completed' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts requests, decisions, nights, children by age band and occupancy for the office and year', async () => {
    const res = await t.get('/api/v1/short-stays/stats', { token: supervisor2, query: { fiscalYear: 2024 } });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({
      fiscalYear: 2024,
      fiscalYearLabel: '令和6年度',
      firstDay: '2024-04-01',
      lastDay: '2025-03-31',
      occupancyUntil: '2025-03-31',
      requests: 9,
      approved: 4,
      rejected: 3,
      cancelled: 1,
      pending: 1,
      completed: 4,
      nightsBooked: 10,
      nightsUsed: 10,
      children: 3,
    });
    expect(s.rejectionsByReason).toEqual([
      { reason: 'no_vacancy', label: '空床なし', count: 2 },
      { reason: 'other_support_more_suitable', label: '他の支援が適当', count: 1 },
    ]);
    expect(s.byAgeBand).toEqual([
      { band: 'age_0_1', label: '0〜1歳', children: 1, stays: 1 },
      { band: 'age_2_5', label: '2〜5歳', children: 1, stays: 2 },
      { band: 'age_6_12', label: '6〜12歳', children: 1, stays: 1 },
      { band: 'age_13_17', label: '13〜17歳', children: 0, stays: 0 },
    ]);
    const occupancy = Object.fromEntries(s.occupancy.map((o: { facilityId: string }) => [o.facilityId, o]));
    expect(occupancy[home]).toMatchObject({ bedNights: 720, nightsTaken: 8, nightsTakenByOffice: 7, occupancyRate: 0.011 });
    expect(occupancy[infantHome]).toMatchObject({ bedNights: 365, nightsTaken: 3, nightsTakenByOffice: 3, occupancyRate: 0.008 });
    expect(s.byMonth).toHaveLength(12);
    const month = Object.fromEntries(s.byMonth.map((m: { month: string }) => [m.month, m]));
    expect(month['2024-05']).toEqual({ month: '2024-05', requests: 1, approved: 1, nightsBooked: 3 });
    expect(month['2024-06']).toEqual({ month: '2024-06', requests: 2, approved: 0, nightsBooked: 0 });
    expect(month['2025-03']).toEqual({ month: '2025-03', requests: 2, approved: 1, nightsBooked: 2 });
    expect(s.byMonth.reduce((sum: number, m: { requests: number }) => sum + m.requests, 0)).toBe(9);
  });

  it('the next year gets the nights that fall in it', async () => {
    const s = (await t.get('/api/v1/short-stays/stats', { token: supervisor2, query: { fiscalYear: 2025 } })).body;
    expect(s).toMatchObject({ requests: 0, nightsBooked: 2, nightsUsed: 2 });
  });

  it('each office sees its own figures; consultants and other roles may not read them', async () => {
    const nerima = (await t.get('/api/v1/short-stays/stats', { token: await t.login('supervisor1'), query: { fiscalYear: 2024 } })).body;
    expect(nerima).toMatchObject({ requests: 1, approved: 1, nightsBooked: 1, children: 1 });
    expect((await t.get('/api/v1/short-stays/stats', { token: await t.login('consultant2'), query: { fiscalYear: 2024 } })).status).toBe(403);
    expect((await t.get('/api/v1/short-stays/stats', { token: await t.login('admin') })).status).toBe(403);
    expect((await t.get('/api/v1/short-stays/stats', { token: supervisor2, query: { fiscalYear: 'last' } })).status).toBe(400);
  });
});
