import { addMonths } from '../src/common/time/japan-time';
import { createCaseWithChild, createFacility } from './factories/casework';
import { TestApp } from './harness/test-app';

/**
 * 巡回訪問: children of concern at facilities, rounds recorded in one
 * transaction, the children shown per case scope, monthly attendance reports
 * with the 7-day rule and the missing-report deadline.
 */
describe('facility rounds', () => {
  let t: TestApp;
  let consultant1: string;
  let supervisor1: string;
  let consultant2: string;
  let nerima: string;
  let nukui: string;
  let c1: string;
  let s1: string;
  let colleague: string;

  beforeAll(async () => {
    t = await TestApp.start();
    [consultant1, supervisor1, consultant2] = await Promise.all([t.login('consultant1'), t.login('supervisor1'), t.login('consultant2')]);
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    c1 = await t.userId('consultant1');
    s1 = await t.userId('supervisor1');
    await t.dataSource.query(`INSERT INTO users (login_id, display_name, office_id, roles, password_hash) VALUES ('nerima-colleague', '同僚', $1, '{consultant}', 'x')`, [nerima]);
    colleague = await t.userId('nerima-colleague');
  });
  afterAll(async () => {
    await t.close();
  });

  async function flag(caseId: string, personId: string, facilityId: string, startOn = '2026-04-01', token = supervisor1) {
    const res = await t.post('/api/v1/children-of-concern', { token, body: { caseId, personId, facilityId, startOn, className: 'ひまわり組' } });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function planRound(facilityId: string, plannedOn = '2026-05-20', token = supervisor1) {
    const res = await t.post('/api/v1/facility-rounds', { token, body: { facilityId, plannedOn, visitorIds: [s1, c1], purpose: '要配慮児童の様子確認' } });
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('a round with several children', () => {
    let facility: string;
    let other: string;
    let a: { id: string; childId: string };
    let b: { id: string; childId: string };
    let r: { id: string; childId: string };
    let flags: Record<'a' | 'b' | 'r' | 'elsewhere', { id: string }>;
    let round: { id: string; version: number };
    let reachBefore: { facilitiesReached: number; roundsDone: number };

    beforeAll(async () => {
      // The demo data has rounds of its own: reach is checked as a difference.
      reachBefore = (await t.get('/api/v1/facility-rounds/reach', { token: supervisor1, query: { fiscalYear: 2026 } })).body;
      facility = await createFacility(t.dataSource, { officeId: nerima, type: 'nursery', name: '試験 はなみずき保育園' });
      other = await createFacility(t.dataSource, { officeId: nerima, type: 'kindergarten', name: '試験 けやき幼稚園' });
      a = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1, child: { nameKanji: '試験 あおい', nameKana: 'シケン アオイ' } });
      b = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1, child: { nameKanji: '試験 いつき', nameKana: 'シケン イツキ' } });
      // Restricted (DV) case of a colleague: consultant1 has it out of scope, supervisor1 in scope.
      r = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: colleague, restricted: true, child: { nameKanji: '試験 うみ', nameKana: 'シケン ウミ' } });
      flags = {
        a: await flag(a.id, a.childId, facility),
        b: await flag(b.id, b.childId, facility),
        r: await flag(r.id, r.childId, facility),
        elsewhere: await flag(a.id, a.childId, other),
      };
      round = await planRound(facility);
    });

    it('records nothing at all when one child is wrong, then everything in one go', async () => {
      const body = {
        visitedAt: '2026-05-20T10:00:00+09:00',
        observations: [
          { childOfConcernId: flags.a.id, attendance: 'present', appearance: '清潔な服装、表情明るい' },
          { childOfConcernId: flags.b.id, attendance: 'late', concerns: '今週2回目の遅刻' },
          { childOfConcernId: flags.elsewhere.id, attendance: 'present' },
        ],
        consultations: [{ facilityStaffRole: '園長', topic: '園全体の見守り体制について' }],
        followUps: [{ action: 'いつきの母へ連絡し登園状況を確認する', dueOn: '2026-05-22', childOfConcernId: flags.b.id }],
        nextRoundOn: '2026-06-17',
        version: round.version,
      };
      const refused = await t.post(`/api/v1/facility-rounds/${round.id}/record`, { token: supervisor1, body });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'observations[2].childOfConcernId', code: 'flagged_at_another_facility' })]);
      const untouched = await t.get(`/api/v1/facility-rounds/${round.id}`, { token: supervisor1 });
      expect(untouched.body).toMatchObject({ status: 'planned', version: round.version, observations: [], consultations: [], followUps: [], nextRoundId: null });
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM facility_rounds WHERE facility_id = $1`, [facility]);
      expect(count).toBe(1);

      (body.observations as unknown[])[2] = { childOfConcernId: flags.r.id, attendance: 'absent', appearance: '', concerns: '3日連続欠席' };
      (body.consultations as unknown[]).push({ facilityStaffRole: '担任', topic: 'うみの欠席について', advice: '連絡がない欠席はその日のうちにセンターへ', childOfConcernId: flags.r.id });
      const recorded = await t.post(`/api/v1/facility-rounds/${round.id}/record`, { token: supervisor1, body });
      expect(recorded.status).toBe(200);
      expect(recorded.body).toMatchObject({ status: 'done', statusLabel: '実施済', visitedOn: '2026-05-20', nextRoundOn: '2026-06-17' });
      expect(recorded.body.observations.map((o: { nameKanji: string; attendanceLabel: string }) => [o.nameKanji, o.attendanceLabel])).toEqual([
        ['試験 あおい', '出席'],
        ['試験 いつき', '遅刻'],
        ['試験 うみ', '欠席'],
      ]);
      expect(recorded.body.consultations).toHaveLength(2);
      const rows = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM facility_round_observations WHERE round_id = $1)::int AS observations,
                (SELECT count(*) FROM facility_round_consultations WHERE round_id = $1)::int AS consultations,
                (SELECT count(*) FROM facility_round_follow_ups WHERE round_id = $1)::int AS follow_ups`,
        [round.id],
      );
      expect(rows[0]).toEqual({ observations: 3, consultations: 2, follow_ups: 1 });
      const next = await t.get(`/api/v1/facility-rounds/${recorded.body.nextRoundId}`, { token: supervisor1 });
      expect(next.body).toMatchObject({ status: 'planned', plannedOn: '2026-06-17', previousRoundId: round.id, facilityId: facility });
      expect(next.body.visitors.map((v: { id: string }) => v.id)).toEqual([s1, c1]);
      // One audit event for the round, one per child observed, and one for the next round planned.
      const audit: Array<{ action: string; resource_type: string; resource_id: string; outcome: string }> = await t.dataSource.query(
        `SELECT action, resource_type, resource_id, outcome FROM audit_events WHERE request_id = $1 ORDER BY id`,
        [recorded.headers['x-request-id']],
      );
      expect(audit).toEqual([
        { action: 'facility_round.record', resource_type: 'facility_round', resource_id: round.id, outcome: 'success' },
        ...[flags.a.id, flags.b.id, flags.r.id].map((id) => ({ action: 'child_of_concern.observe', resource_type: 'child_of_concern', resource_id: id, outcome: 'success' })),
        { action: 'facility_round.plan', resource_type: 'facility_round', resource_id: recorded.body.nextRoundId, outcome: 'success' },
      ]);
      const [refusal] = await t.dataSource.query(`SELECT action, outcome FROM audit_events WHERE request_id = $1`, [refused.headers['x-request-id']]);
      expect(refusal).toEqual({ action: 'facility_round.record', outcome: 'failure' });
      // Recorded once only.
      expect((await t.post(`/api/v1/facility-rounds/${round.id}/record`, { token: supervisor1, body: { ...body, version: recorded.body.version } })).status).toBe(409);
    });

    it('shows each child only to staff with the case in scope; the round and the facility stay visible', async () => {
      const mine = await t.get(`/api/v1/facility-rounds/${round.id}`, { token: consultant1 });
      expect(mine.status).toBe(200);
      expect(mine.body.observations.map((o: { childOfConcernId: string }) => o.childOfConcernId)).toEqual([flags.a.id, flags.b.id]);
      expect(mine.body.consultations.map((c: { topic: string }) => c.topic)).toEqual(['園全体の見守り体制について']);
      expect(mine.body.followUps).toHaveLength(1);
      const listed = await t.get('/api/v1/facility-rounds', { token: consultant1, query: { facilityId: facility, status: 'done' } });
      expect(listed.body.items).toEqual([expect.objectContaining({ id: round.id, childrenObserved: 2 })]);
      expect((await t.get('/api/v1/facility-rounds', { token: supervisor1, query: { facilityId: facility, status: 'done' } })).body.items[0].childrenObserved).toBe(3);
      const flagged = await t.get('/api/v1/children-of-concern', { token: consultant1, query: { facilityId: facility } });
      expect(flagged.body.items.map((f: { id: string }) => f.id)).toEqual([flags.a.id, flags.b.id]);
      expect(flagged.body.total).toBe(2);

      // Another office: the facility is in the registry, but neither the round nor who is flagged there.
      expect((await t.get(`/api/v1/facilities/${facility}`, { token: consultant2 })).status).toBe(200);
      expect((await t.get(`/api/v1/facility-rounds/${round.id}`, { token: consultant2 })).status).toBe(404);
      expect((await t.get('/api/v1/facility-rounds', { token: consultant2, query: { facilityId: facility } })).body).toMatchObject({ items: [], total: 0 });
      expect((await t.get('/api/v1/children-of-concern', { token: consultant2, query: { facilityId: facility } })).body).toMatchObject({ items: [], total: 0 });
      expect((await t.get(`/api/v1/children-of-concern/${flags.a.id}`, { token: consultant2 })).status).toBe(404);
      const cancel = await t.post(`/api/v1/facility-rounds/${round.id}/cancel`, { token: consultant2, body: { reason: 'x', version: 1 } });
      expect(cancel.status).toBe(404);
    });

    it('refuses to record a child out of the recorder\'s scope as if it did not exist', async () => {
      const planned = await planRound(facility, '2026-06-03', consultant1);
      const res = await t.post(`/api/v1/facility-rounds/${planned.id}/record`, {
        token: consultant1,
        body: { visitedAt: '2026-06-03T10:00:00+09:00', observations: [{ childOfConcernId: flags.r.id, attendance: 'present' }], version: planned.version },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'observations[0].childOfConcernId', code: 'unknown_child_of_concern' })]);
    });

    it('lists rounds due (late and coming up), counts facilities reached per fiscal year, and cancels', async () => {
      const due = await t.get('/api/v1/facility-rounds/due', { token: consultant1, query: { asOf: '2026-06-12', withinDays: 7 } });
      expect(due.status).toBe(200);
      const byId = Object.fromEntries(due.body.items.map((r: { id: string; daysOverdue: number; plannedOn: string }) => [r.plannedOn, r.daysOverdue]));
      expect(byId).toMatchObject({ '2026-06-03': 9, '2026-06-17': 0 });
      const reach = await t.get('/api/v1/facility-rounds/reach', { token: supervisor1, query: { fiscalYear: 2026 } });
      expect(reach.body).toMatchObject({ fiscalYear: 2026, officeId: nerima, facilitiesReached: reachBefore.facilitiesReached + 1, roundsDone: reachBefore.roundsDone + 1 });
      expect(reach.body.byType).toContainEqual(expect.objectContaining({ type: 'nursery', typeLabel: '保育園' }));
      expect((await t.get('/api/v1/facility-rounds/reach', { token: supervisor1, query: { fiscalYear: 2019 } })).body).toMatchObject({ facilitiesReached: 0, roundsDone: 0, byType: [] });
      // Another office's reach does not count Nerima's rounds.
      const nukuiReach = (await t.get('/api/v1/facility-rounds/reach', { token: consultant2, query: { fiscalYear: 2026 } })).body;
      expect(nukuiReach.officeId).toBe(nukui);
      const [{ count }] = await t.dataSource.query(`SELECT count(DISTINCT facility_id)::int AS count FROM facility_rounds WHERE office_id = $1 AND status = 'done' AND visited_on BETWEEN '2026-04-01' AND '2027-03-31'`, [nukui]);
      expect(nukuiReach.facilitiesReached).toBe(count);

      const next = due.body.items.find((r: { plannedOn: string }) => r.plannedOn === '2026-06-17');
      const current = (await t.get(`/api/v1/facility-rounds/${next.id}`, { token: consultant1 })).body;
      const moved = await t.patch(`/api/v1/facility-rounds/${next.id}`, { token: consultant1, body: { plannedOn: '2026-06-24', version: current.version } });
      expect(moved.body).toMatchObject({ plannedOn: '2026-06-24', version: current.version + 1 });
      const cancelled = await t.post(`/api/v1/facility-rounds/${next.id}/cancel`, { token: consultant1, body: { reason: '施設行事のため延期', version: moved.body.version } });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '施設行事のため延期' });
      expect((await t.post(`/api/v1/facility-rounds/${next.id}/cancel`, { token: consultant1, body: { reason: 'x', version: cancelled.body.version } })).body.code).toBe('invalid-state-transition');
    });
  });

  describe('children of concern', () => {
    it('flags only a child of the case, at a day facility, once per period', async () => {
      const facility = await createFacility(t.dataSource, { officeId: nerima, type: 'elementary_school' });
      const home = await createFacility(t.dataSource, { officeId: nerima, type: 'childrens_home' });
      const c = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const stranger = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const first = await flag(c.id, c.childId, facility, '2026-04-01', consultant1);
      expect(first).toMatchObject({ startOn: '2026-04-01', endOn: null, className: 'ひまわり組', lastReportMonth: null });
      const overlap = await t.post('/api/v1/children-of-concern', { token: consultant1, body: { caseId: c.id, personId: c.childId, facilityId: facility, startOn: '2026-09-01' } });
      expect(overlap.status).toBe(409);
      const notMember = await t.post('/api/v1/children-of-concern', { token: consultant1, body: { caseId: c.id, personId: stranger.childId, facilityId: facility, startOn: '2026-04-01' } });
      expect(notMember.body.errors).toEqual([expect.objectContaining({ field: 'personId', code: 'not_a_child_of_the_case' })]);
      const wrongType = await t.post('/api/v1/children-of-concern', { token: consultant1, body: { caseId: c.id, personId: c.childId, facilityId: home, startOn: '2026-04-01' } });
      expect(wrongType.status).toBe(422);
      const ended = await t.patch(`/api/v1/children-of-concern/${first.id}`, { token: consultant1, body: { endOn: '2026-08-31', version: first.version } });
      expect(ended.body).toMatchObject({ endOn: '2026-08-31' });
      // The end is checked against the start on record when the start is not sent.
      const beforeStart = await t.patch(`/api/v1/children-of-concern/${first.id}`, { token: consultant1, body: { endOn: '2026-03-31', version: ended.body.version } });
      expect(beforeStart.status).toBe(400);
      expect(beforeStart.body.errors).toEqual([expect.objectContaining({ field: 'endOn', code: 'before_start' })]);
      expect((await t.post('/api/v1/children-of-concern', { token: consultant1, body: { caseId: c.id, personId: c.childId, facilityId: facility, startOn: '2026-09-01' } })).status).toBe(201);
      const nukuiCase = await createCaseWithChild(t.dataSource, { officeId: nukui, leadWorkerId: await t.userId('consultant2') });
      expect((await t.post('/api/v1/children-of-concern', { token: consultant1, body: { caseId: nukuiCase.id, personId: nukuiCase.childId, facilityId: facility, startOn: '2026-04-01' } })).status).toBe(404);
    });
  });

  describe('monthly attendance reports', () => {
    let facility: string;
    let child: { id: string; childId: string };
    let flagId: string;

    beforeAll(async () => {
      facility = await createFacility(t.dataSource, { officeId: nerima, type: 'junior_high_school', name: '試験 中学校' });
      child = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      flagId = (await flag(child.id, child.childId, facility, '2026-04-10', consultant1)).id;
    });

    /** A report sent on the 5th of the following month (in time) unless told otherwise. */
    const report = (month: string, longest: number, extra: Record<string, unknown> = {}) =>
      t.post('/api/v1/attendance-reports', {
        token: consultant1,
        body: {
          childOfConcernId: flagId,
          month,
          daysAttended: 20 - longest,
          daysAbsent: longest,
          absencesExplained: longest > 0 ? false : undefined,
          longestConsecutiveAbsence: longest,
          receivedOn: addMonths(`${month}-05`, 1),
          ...extra,
        },
      });

    it('6 consecutive days absent is not a long absence; 7 is', async () => {
      const six = await report('2026-04', 6);
      expect(six.status).toBe(201);
      expect(six.body).toMatchObject({ month: '2026-04', longAbsence: false, absencesExplained: false, late: false });
      const seven = await report('2026-05', 7);
      expect(seven.status).toBe(201);
      expect(seven.body).toMatchObject({ month: '2026-05', longAbsence: true });
      const long = await t.get('/api/v1/attendance-reports', { token: consultant1, query: { childOfConcernId: flagId, longAbsence: true } });
      expect(long.body.items.map((r: { month: string }) => r.month)).toEqual(['2026-05']);
      // A correction from 6 to 7 turns it into a long absence too.
      const corrected = await t.patch(`/api/v1/attendance-reports/${six.body.id}`, { token: consultant1, body: { daysAbsent: 7, daysAttended: 13, longestConsecutiveAbsence: 7, version: six.body.version } });
      expect(corrected.status).toBe(200);
      expect(corrected.body.longAbsence).toBe(true);
    });

    it('checks the figures, the month, and one report per month', async () => {
      expect((await report('2026-05', 0)).status).toBe(409);
      const figures = await report('2026-06', 3, { daysAttended: 29, absencesExplained: null, longestConsecutiveAbsence: 4 });
      expect(figures.status).toBe(400);
      expect(figures.body.errors.map((e: { code: string }) => e.code)).toEqual(['more_days_than_the_month', 'more_than_days_absent', 'required_with_absences']);
      const before = await report('2026-03', 0);
      expect(before.status).toBe(422);
      expect(before.body.errors).toEqual([expect.objectContaining({ field: 'month', code: 'outside_flag_period' })]);
      expect((await report('2026-12', 0, { month: '2026-13' })).status).toBe(400);
      const other = await t.post('/api/v1/attendance-reports', { token: consultant2, body: { childOfConcernId: flagId, month: '2026-06', daysAttended: 20, daysAbsent: 0, longestConsecutiveAbsence: 0 } });
      expect(other.status).toBe(404);
    });

    it('a report is missing from the 11th of the next month, in scope only', async () => {
      const missing = async (asOf: string, token = consultant1) =>
        (await t.get('/api/v1/attendance-reports/missing', { token, query: { asOf, facilityId: facility } })).body;
      // April and May are reported; June is due by 7/10.
      expect((await missing('2026-07-10')).items).toEqual([]);
      const on11th = await missing('2026-07-11');
      expect(on11th.items).toEqual([expect.objectContaining({ id: `${flagId}:2026-06`, month: '2026-06', deadline: '2026-07-10', daysLate: 1, leadWorkerId: c1 })]);
      expect(on11th.total).toBe(1);
      const later = await missing('2026-09-01');
      expect(later.items.map((m: { month: string; daysLate: number }) => [m.month, m.daysLate])).toEqual([
        ['2026-06', 53],
        ['2026-07', 22],
      ]);
      expect((await missing('2026-09-01', consultant2)).total).toBe(0);
      const june = await report('2026-06', 0, { receivedOn: '2026-07-15' });
      expect(june.body.late).toBe(true);
      expect((await missing('2026-09-01')).items.map((m: { month: string }) => m.month)).toEqual(['2026-07']);
    });
  });
});
