import { createCase, createCaseWithChild, createFacility } from '../factories/casework';
import { createShortStayFacility, createShortStayRecord } from '../factories/short-stays';
import { TestApp } from '../harness/test-app';
import {
  insertCentreRequest,
  insertConference,
  insertNotification,
  insertPlan,
  insertPostpartumApplication,
  insertReferral,
  insertReport,
  insertRound,
  insertVisit,
} from './measure-fixtures';

/**
 * Every measure on a small hand-built fiscal year 2024 (2024-04-01 –
 * 2025-03-31 JST), with the expected numbers worked out by hand beside the
 * data: 豊玉保健相談所 for the pregnancy programme, 貫井 for the centre's work,
 * a few records of other offices that only the ward-wide view counts.
 */
describe('measures: fiscal-year report, scope and plan vs actual', () => {
  let t: TestApp;
  let supervisor2: string; // 貫井
  let consultant2: string; // 貫井
  let supervisor3: string; // 豊玉
  let supervisor1: string; // 練馬
  let admin: string;
  let liaison: string;
  let nukui: string;
  let toyotama: string;
  let nerima: string;

  const values = (body: any): Record<string, number | null> =>
    Object.fromEntries(body.groups.flatMap((g: any) => g.measures.map((m: any) => [m.code, m.value])));

  beforeAll(async () => {
    t = await TestApp.start();
    const db = t.dataSource;
    [supervisor1, supervisor2, consultant2, supervisor3, admin, liaison] = await Promise.all(
      ['supervisor1', 'supervisor2', 'consultant2', 'supervisor3', 'admin', 'liaison'].map((l) => t.login(l)),
    );
    nukui = await t.officeId('CFS-NUKUI');
    toyotama = await t.officeId('HC-TOYOTAMA');
    nerima = await t.officeId('CFS-NERIMA');
    const kita = await t.officeId('HC-KITA');
    const c2 = await t.userId('consultant2');
    const s2 = await t.userId('supervisor2');
    const s3 = await t.userId('supervisor3');
    const nurse1 = await t.userId('nurse1');
    const c1 = await t.userId('consultant1');
    const liaisonId = await t.userId('liaison');

    // ---- 妊娠届・面談 (豊玉) ----
    const specifiedCase = (await createCase(db, { officeId: nukui, supportLevel: 'specified_expectant_mother', leadWorkerId: c2 })).id;
    await insertNotification(db, { officeId: toyotama, filedOn: '2024-05-01', interviewedOn: '2024-05-04' }); // 3 days
    await insertNotification(db, { officeId: toyotama, filedOn: '2024-06-01', interviewedOn: '2024-06-11', specifiedAt: '2024-06-20T10:00:00+09:00', caseId: specifiedCase }); // 10 days, 特定妊婦
    await insertNotification(db, { officeId: toyotama, filedOn: '2025-03-31', interviewedOn: '2025-04-02' }); // last day of the year; 2 days
    await insertNotification(db, { officeId: toyotama, filedOn: '2024-07-01' });
    await insertNotification(db, { officeId: toyotama, filedOn: '2024-08-01', status: 'unreachable' });
    await insertNotification(db, { officeId: toyotama, filedOn: '2025-04-01', interviewedOn: '2025-04-01', specifiedAt: '2025-04-01T00:00:00+09:00', caseId: specifiedCase }); // FY2025
    await insertNotification(db, { officeId: kita, filedOn: '2024-05-01' }); // ward only
    // 豊玉: 5 filed, 3 interviewed → 60.0 %, median of [3, 10, 2] = 3, one 特定妊婦.  Ward: 6 filed, 3 interviewed → 50.0 %.

    // ---- 産後ケア (豊玉) ----
    await insertPostpartumApplication(db, { officeId: toyotama, appliedOn: '2024-05-10', status: 'approved', provider: '助産院あおば', sessions: ['2024-05-20', '2024-05-21', '2025-04-01'], decidedBy: s3, createdBy: nurse1 });
    await insertPostpartumApplication(db, { officeId: toyotama, appliedOn: '2024-09-01', status: 'completed', provider: '練馬産後ケアハウス', sessions: ['2024-09-05'], decidedBy: s3, createdBy: nurse1 });
    await insertPostpartumApplication(db, { officeId: toyotama, appliedOn: '2024-10-01', status: 'rejected', provider: null, decidedBy: s3, createdBy: nurse1 });
    await insertPostpartumApplication(db, { officeId: toyotama, appliedOn: '2024-03-31', status: 'approved', provider: '助産院あおば', sessions: ['2024-04-02'], decidedBy: s3, createdBy: nurse1 }); // applied FY2023
    // 3 applications, 2 approved, 4 sessions in the year (05-20, 05-21, 09-05, 04-02), 2 sites.

    // ---- 通告 (貫井), 48-hour rule, boundary instants ----
    const reportCase = (await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2 })).id;
    const report = (receivedAt: string, result: 'met' | 'missed' | null) => insertReport(db, { officeId: nukui, caseId: reportCase, receivedAt, result, receivedBy: c2 });
    await report('2024-06-01T10:00:00+09:00', 'met');
    await report('2024-07-01T10:00:00+09:00', 'missed');
    await report('2024-08-01T10:00:00+09:00', null); // never confirmed: 48 hours long gone → missed
    await report('2025-03-31T23:59:00+09:00', 'met'); // last minute of FY2024
    await report('2025-04-01T00:00:00+09:00', 'met'); // first instant of FY2025
    await report('2024-04-01T00:00:00+09:00', 'met'); // first instant of FY2024
    await report('2024-03-31T23:59:59+09:00', 'met'); // FY2023
    // FY2024: 5 received, 3 met, 2 missed, 0 pending → 60.0 %.

    // ---- 見守り訪問 (貫井) ----
    const w1 = (await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2 })).id;
    const w2 = (await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2 })).id;
    const w3 = (await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2 })).id;
    const p1 = await insertPlan(db, { caseId: w1, workerId: c2, nextDueOn: '2025-03-20' });
    const p2 = await insertPlan(db, { caseId: w2, workerId: c2, nextDueOn: '2025-05-01' });
    await insertPlan(db, { caseId: w3, workerId: c2, nextDueOn: '2025-03-31' });
    const visit = (caseId: string, planId: string, visitedOn: string, dueOn: string, done: boolean) => insertVisit(db, { caseId, planId, visitedOn, dueOn, done, visitorId: c2 });
    await visit(w1, p1, '2024-05-01', '2024-05-01', true);
    await visit(w1, p1, '2024-06-03', '2024-06-01', false);
    await visit(w1, p1, '2024-06-05', '2024-06-05', true);
    await visit(w2, p2, '2024-10-01', '2024-10-01', true);
    await visit(w2, p2, '2025-04-03', '2025-03-25', true); // late across the year end
    const otherCase = (await createCaseWithChild(db, { officeId: nerima, leadWorkerId: c1 })).id;
    const otherPlan = await insertPlan(db, { caseId: otherCase, workerId: c1, nextDueOn: '2025-06-01' });
    await insertVisit(db, { caseId: otherCase, planId: otherPlan, visitedOn: '2024-05-01', dueOn: '2024-05-01', done: true, visitorId: c1 }); // ward only
    // 貫井: done 3 (05-01, 06-05, 10-01), not done 1. Due dates in the year: (p1 05-01 ✓, p1 06-01 ✗, p1 06-05 ✓, p2 10-01 ✓, p2 03-25 ✓)
    // + plans due without a visit (p1 03-20, p3 03-31) → planned 7, done as planned 4 → 57.1 %.
    // Overdue at year end (judged 2025-04-01): p1 (03-20), p3 (03-31) still due, p2 (03-25 visited 04-03) → 3.

    // ---- 巡回訪問 (貫井) ----
    const [fa, fb, fc] = [await createFacility(db, { officeId: nukui, type: 'nursery' }), await createFacility(db, { officeId: nukui, type: 'nursery' }), await createFacility(db, { officeId: nukui, type: 'kindergarten' })];
    await insertRound(db, { officeId: nukui, facilityId: fa, plannedOn: '2024-05-10', visitedOn: '2024-05-10', visitorId: c2 });
    await insertRound(db, { officeId: nukui, facilityId: fa, plannedOn: '2024-11-10', visitedOn: '2024-11-10', visitorId: c2 });
    await insertRound(db, { officeId: nukui, facilityId: fb, plannedOn: '2025-03-31', visitedOn: '2025-03-31', visitorId: c2 });
    await insertRound(db, { officeId: nukui, facilityId: fc, plannedOn: '2025-04-01', visitedOn: '2025-04-01', visitorId: c2 });
    await insertRound(db, { officeId: nukui, facilityId: fc, plannedOn: '2024-12-01', visitorId: c2 });
    // 3 rounds done, 2 facilities reached.

    // ---- ショートステイ (貫井) ----
    const infantHome = await createShortStayFacility(db, { officeId: nukui, type: 'infant_home', minAge: 0, maxAge: 2, baseBeds: 1 });
    const baby = await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2, child: { birthDate: '2023-06-01' } });
    await createShortStayRecord(db, { officeId: nukui, caseId: baby.id, childId: baby.childId, facilityId: infantHome, firstNight: '2024-07-01', lastNight: '2024-07-03', requestedBy: c2, decidedBy: s2, status: 'completed' });
    // 1 request, approved, 3 nights, 1 child aged 1 (outside 2–12); occupancy 3 ÷ 365 bed-nights = 0.8 %.

    // ---- 送致 (貫井) ----
    const refCase = (await createCaseWithChild(db, { officeId: nukui, leadWorkerId: c2 })).id;
    const referral = (spec: Omit<Parameters<typeof insertReferral>[1], 'officeId' | 'caseId' | 'authorId' | 'approverId'>) => insertReferral(db, { officeId: nukui, caseId: refCase, authorId: c2, approverId: s2, ...spec });
    await referral({ state: 'accepted', createdAt: '2024-05-01T09:00:00+09:00', submittedAt: '2024-05-01T10:00:00+09:00', approvedAt: '2024-05-03T10:00:00+09:00', sentOn: '2024-05-04', answeredOn: '2024-05-14' });
    await referral({ state: 'draft', createdAt: '2024-09-01T09:00:00+09:00' });
    await referral({ state: 'submitted', createdAt: '2025-03-30T09:00:00+09:00', submittedAt: '2025-04-01T00:00:00+09:00' }); // first submitted in FY2025
    await referral({ state: 'approved', createdAt: '2024-10-01T08:00:00+09:00', submittedAt: '2024-10-01T09:00:00+09:00', approvedAt: '2024-10-05T09:00:00+09:00' });
    // 3 referrals: draft 1, approved 1, accepted 1; days to approval [2, 4] → 3; to the centre's answer [10] → 10.

    // ---- 事案送致・指導措置委託 (貫井) ----
    const cr = (spec: Omit<Parameters<typeof insertCentreRequest>[1], 'officeId' | 'recordedBy' | 'leadWorkerId' | 'caseId'>) =>
      insertCentreRequest(db, { officeId: nukui, recordedBy: liaisonId, leadWorkerId: c2, caseId: refCase, ...spec });
    await cr({ kind: 'case_transfer', state: 'in_progress', receivedOn: '2024-05-01' });
    await cr({ kind: 'entrusted_guidance', state: 'lifted', receivedOn: '2024-06-01', endedAt: '2025-02-01T10:00:00+09:00' });
    await cr({ kind: 'entrusted_guidance', state: 'in_progress', receivedOn: '2023-12-01' });
    await cr({ kind: 'case_transfer', state: 'closed', receivedOn: '2024-08-01', endedAt: '2025-04-05T10:00:00+09:00' });
    // 事案送致: received 2, open at year end 2 (one closed only in FY2025), closed 0; 指導措置委託: received 1, open 1, lifted 1; total received 3.

    // ---- 会議 (貫井) ----
    await insertConference(db, { officeId: nukui, heldOn: '2024-06-10', createdBy: s2, caseIds: [w1, w2], centreAttended: true });
    await insertConference(db, { officeId: nukui, heldOn: '2024-12-10', createdBy: s2, caseIds: [w3], centreAttended: false });
    await insertConference(db, { officeId: nukui, heldOn: '2025-04-10', createdBy: s2, caseIds: [w3], centreAttended: true }); // FY2025
    // 2 held, 1 with centre staff, 3 cases discussed.
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts the 保健相談所 programme for its own office', async () => {
    const res = await t.get('/api/v1/measures', { token: supervisor3, query: { fiscalYear: 2024 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fiscalYear: 2024, fiscalYearLabel: '令和6年度', from: '2024-04-01', to: '2025-03-31', asOf: '2025-03-31', scope: { kind: 'office', officeId: toyotama, name: '豊玉保健相談所' } });
    expect(values(res.body)).toMatchObject({
      'pregnancy.notifications': 5,
      'pregnancy.interviewed': 3,
      'pregnancy.not_interviewed': 2,
      'pregnancy.interview_coverage': 60,
      'pregnancy.median_days_to_interview': 3,
      'pregnancy.specified_registered': 1,
      'postpartum_care.applications': 3,
      'postpartum_care.approved': 2,
      'postpartum_care.sessions': 4,
      'postpartum_care.sites': 2,
      'child_abuse_reports.received': 0,
      'child_abuse_reports.rule48_met_rate': null,
    });
  });

  it("counts the centre's work for its own office", async () => {
    const res = await t.get('/api/v1/measures', { token: supervisor2, query: { fiscalYear: 2024 } });
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ kind: 'office', officeId: nukui, name: '貫井子ども家庭支援センター' });
    expect(values(res.body)).toMatchObject({
      'pregnancy.notifications': 0,
      'pregnancy.interview_coverage': null,
      'child_abuse_reports.received': 5,
      'child_abuse_reports.rule48_met': 3,
      'child_abuse_reports.rule48_missed': 2,
      'child_abuse_reports.rule48_pending': 0,
      'child_abuse_reports.rule48_met_rate': 60,
      'watch_visits.done': 3,
      'watch_visits.not_done': 1,
      'watch_visits.planned': 7,
      'watch_visits.planned_done': 4,
      'watch_visits.done_rate': 57.1,
      'watch_visits.overdue_at_year_end': 3,
      'facility_rounds.done': 3,
      'facility_rounds.facilities_reached': 2,
      'short_stays.requests': 1,
      'short_stays.approved': 1,
      'short_stays.nights': 3,
      'short_stays.occupancy': 0.8,
      'short_stays.children': 1,
      'short_stays.children.age_0_1': 1,
      'short_stays.children.age_2_5': 0,
      'short_stays.children_outside_2_12': 1,
      'referrals.total': 3,
      'referrals.state.draft': 1,
      'referrals.state.approved': 1,
      'referrals.state.accepted': 1,
      'referrals.state.submitted': 0,
      'referrals.median_days_to_approval': 3,
      'referrals.median_days_to_decision': 10,
      'centre_requests.case_transfer.received': 2,
      'centre_requests.case_transfer.open': 2,
      'centre_requests.case_transfer.closed': 0,
      'centre_requests.entrusted_guidance.received': 1,
      'centre_requests.entrusted_guidance.open': 1,
      'centre_requests.entrusted_guidance.lifted': 1,
      'centre_requests.received': 3,
      'case_conferences.held': 2,
      'case_conferences.centre_attended': 1,
      'case_conferences.cases_discussed': 3,
    });
    // Every measure carries its label, unit and written definition.
    const coverage = res.body.groups[0].measures.find((m: any) => m.code === 'pregnancy.interview_coverage');
    expect(coverage).toMatchObject({ label: '妊婦面談率', unit: 'percent', unitLabel: '%' });
    expect(coverage.definition).toContain('÷');
  });

  it('draws the fiscal-year boundary at April 1 00:00 JST', async () => {
    const fy2025 = values((await t.get('/api/v1/measures', { token: supervisor2, query: { fiscalYear: 2025 } })).body);
    const fy2023 = values((await t.get('/api/v1/measures', { token: supervisor2, query: { fiscalYear: 2023 } })).body);
    // 2025-04-01T00:00 JST is FY2025's only report; 2025-03-31T23:59 stayed in FY2024 (5 above).
    expect(fy2025['child_abuse_reports.received']).toBe(1);
    // 2024-03-31T23:59:59 JST is FY2023; 2024-04-01T00:00 JST was counted in FY2024.
    expect(fy2023['child_abuse_reports.received']).toBe(1);
    expect(fy2025['referrals.state.submitted']).toBe(1);
    expect(fy2025['facility_rounds.done']).toBe(1);
    expect(fy2025['case_conferences.held']).toBe(1);
    const toyotama2025 = values((await t.get('/api/v1/measures', { token: supervisor3, query: { fiscalYear: 2025 } })).body);
    expect(toyotama2025['pregnancy.notifications']).toBe(1);
    expect(toyotama2025['pregnancy.specified_registered']).toBe(1);
    expect(toyotama2025['postpartum_care.sessions']).toBe(1);
  });

  it('is ward-wide for administrators, who may also pick one office', async () => {
    const ward = await t.get('/api/v1/measures', { token: admin, query: { fiscalYear: 2024 } });
    expect(ward.status).toBe(200);
    expect(ward.body.scope).toEqual({ kind: 'ward', officeId: null, name: '練馬区全体' });
    expect(values(ward.body)).toMatchObject({
      'pregnancy.notifications': 6,
      'pregnancy.interviewed': 3,
      'pregnancy.interview_coverage': 50,
      'watch_visits.done': 4,
      'child_abuse_reports.received': 5,
    });
    const one = await t.get('/api/v1/measures', { token: admin, query: { fiscalYear: 2024, officeId: nukui } });
    expect(one.status).toBe(200);
    const mine = await t.get('/api/v1/measures', { token: supervisor2, query: { fiscalYear: 2024 } });
    expect(values(one.body)).toEqual(values(mine.body));
  });

  it('keeps staff to their own office: another office answers 404, other roles 403', async () => {
    const other = await t.get('/api/v1/measures', { token: supervisor2, query: { fiscalYear: 2024, officeId: nerima } });
    expect(other.status).toBe(404);
    expect(other.body.type).toContain('not-found');
    const own = await t.get('/api/v1/measures', { token: consultant2, query: { fiscalYear: 2024, officeId: nukui } });
    expect(own.status).toBe(200);
    expect(values(own.body)['watch_visits.done']).toBe(3);
    const nerimaView = values((await t.get('/api/v1/measures', { token: supervisor1, query: { fiscalYear: 2024 } })).body);
    expect(nerimaView['watch_visits.done']).toBe(1);
    expect(nerimaView['child_abuse_reports.received']).toBe(0);
    expect((await t.get('/api/v1/measures', { token: liaison, query: { fiscalYear: 2024 } })).status).toBe(403);
    expect((await t.get('/api/v1/measures', { token: admin, query: { officeId: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await t.get('/api/v1/measures', { token: admin, query: { fiscalYear: 'x' } })).status).toBe(400);
    expect((await t.get('/api/v1/measures', { token: admin, query: { fiscalYear: 2024, extra: 1 } })).status).toBe(400);
  });

  it('audits the report with its criteria', async () => {
    await t.get('/api/v1/measures', { token: supervisor2, query: { fiscalYear: 2024 } });
    const rows: Array<{ details: any; actor_login_id: string }> = await t.dataSource.query(
      `SELECT details, actor_login_id FROM audit_events WHERE action = 'measures.report' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ actor_login_id: 'supervisor2', details: { criteria: { fiscalYear: '2024' } } });
  });

  it("shows the plan's targets, the actuals and the difference; admins maintain the targets", async () => {
    // Seeded from the plan: FY2019 (31年度) ward targets.
    const seeded = await t.get('/api/v1/measure-targets', { token: supervisor2, query: { fiscalYear: 2019 } });
    expect(seeded.status).toBe(200);
    expect(seeded.body.items.find((x: any) => x.measureCode === 'postpartum_care.sites')).toMatchObject({ targetValue: 2, targetText: '拡大（計2か所）', officeId: null });

    const created = await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'pregnancy.interview_coverage', targetValue: 100, targetText: '全ての妊婦' } });
    expect(created.status).toBe(201);
    await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'postpartum_care.sites', targetValue: 1 } });
    const officeTarget = await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'pregnancy.interview_coverage', officeId: toyotama, targetValue: 55 } });
    expect(officeTarget.status).toBe(201);
    // A measure outside the plan's table joins the report once it has a target.
    await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'child_abuse_reports.rule48_met_rate', targetValue: 100 } });
    // Fewer days from filing to interview is better: a ceiling of 60 days is met by any median at or below it.
    await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'pregnancy.median_days_to_interview', officeId: toyotama, targetValue: 60 } });

    const report = await t.get('/api/v1/measures/plan-vs-actual', { token: supervisor3, query: { fiscalYear: 2024 } });
    expect(report.status).toBe(200);
    expect(report.body.columns).toEqual({ item: '取組', target: '目標', actual: '実績', difference: '差' });
    const row = (code: string) => report.body.rows.find((r: any) => r.measureCode === code);
    expect(row('pregnancy.interview_coverage')).toMatchObject({
      sheet: '1-1',
      number: '①',
      item: '妊娠・子育て相談員による全ての妊婦との面談・支援の実施',
      target: 55,
      targetScope: 'office',
      actual: 60,
      difference: 5,
      achieved: true,
      unitLabel: '%',
    });
    expect(row('postpartum_care.sites')).toMatchObject({ target: 1, targetScope: 'ward', actual: 2, difference: 1, achieved: true });
    expect(row('child_abuse_reports.rule48_met_rate')).toMatchObject({ number: '', item: '48時間ルール達成率', target: 100, actual: null, difference: null });
    const waited = row('pregnancy.median_days_to_interview');
    expect(waited.actual).toBeLessThanOrEqual(60);
    expect(waited).toMatchObject({ target: 60, targetScope: 'office', achieved: true });

    const ward = await t.get('/api/v1/measures/plan-vs-actual', { token: admin, query: { fiscalYear: 2024 } });
    expect(ward.body.rows.find((r: any) => r.measureCode === 'pregnancy.interview_coverage')).toMatchObject({ target: 100, targetScope: 'ward', actual: 50, difference: -50, achieved: false });
    expect(ward.body.rows.find((r: any) => r.measureCode === 'child_abuse_reports.rule48_met_rate')).toMatchObject({ actual: 60, difference: -40 });

    // Changes: admins only, optimistic locking, duplicates refused, unknown measures refused.
    expect((await t.post('/api/v1/measure-targets', { token: supervisor2, body: { fiscalYear: 2024, measureCode: 'watch_visits.done_rate', targetValue: 90 } })).status).toBe(403);
    expect((await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'postpartum_care.sites', targetValue: 3 } })).status).toBe(409);
    const unknown = await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'no.such_measure', targetValue: 3 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'measureCode', code: 'unknown_measure' });
    expect((await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'watch_visits.done_rate' } })).status).toBe(400);
    expect((await t.post('/api/v1/measure-targets', { token: admin, body: { fiscalYear: 2024, measureCode: 'watch_visits.done_rate', targetValue: 9, colour: 'red' } })).status).toBe(400);
    const changed = await t.patch(`/api/v1/measure-targets/${officeTarget.body.id}`, { token: admin, body: { version: 1, targetValue: 70 } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ targetValue: 70, version: 2 });
    expect((await t.patch(`/api/v1/measure-targets/${officeTarget.body.id}`, { token: admin, body: { version: 1, targetValue: 80 } })).status).toBe(409);
    const again = await t.get('/api/v1/measures/plan-vs-actual', { token: supervisor3, query: { fiscalYear: 2024 } });
    expect(again.body.rows.find((r: any) => r.measureCode === 'pregnancy.interview_coverage')).toMatchObject({ target: 70, difference: -10, achieved: false });
    expect((await t.request('DELETE', `/api/v1/measure-targets/${officeTarget.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/v1/measure-targets/${officeTarget.body.id}`, { token: admin })).status).toBe(404);
    const audited: Array<{ action: string }> = await t.dataSource.query(`SELECT action FROM audit_events WHERE resource_type = 'measure_target' AND outcome = 'success' ORDER BY id`);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['measure_target.create', 'measure_target.update', 'measure_target.delete']));
  });

  it('lists the measure codes in the dictionaries', async () => {
    const res = await t.get('/api/v1/dictionaries/measure', { token: consultant2 });
    expect(res.status).toBe(200);
    expect(res.body['pregnancy.interview_coverage']).toBe('妊婦面談率');
    expect(res.body['child_abuse_reports.rule48_met_rate']).toBe('48時間ルール達成率');
  });
});
