import { addDays, addMonths, todayInJapan } from '../src/common/time/japan-time';
import { createCaseWithChild } from './factories/casework';
import { createShortStayFacility, createShortStayRecord } from './factories/short-stays';
import { seed } from '../seeds/seed';
import { DEMO_PASSWORD, TestApp } from './harness/test-app';

/**
 * Requests and their rules: the pre-check, age on the first night under the
 * policy in force (and a later widening row), stay and monthly limits, the
 * facility's ages, the decisions (who may approve), the state machine, fees,
 * and scope (another office's requests are invisible).
 */
describe('short stays: requests, rules and decisions', () => {
  let t: TestApp;
  let nerima: string;
  let nukui: string;
  let consultant1: string;
  let supervisor1: string;
  let consultant2: string;
  let supervisor2: string;
  let admin: string;
  let consultant1Id: string;
  let supervisor1Id: string;
  let home: string;
  const today = todayInJapan();
  const d = (days: number) => addDays(today, days);

  beforeAll(async () => {
    t = await TestApp.start({ demoRecords: true });
    nerima = await t.officeId('CFS-NERIMA');
    nukui = await t.officeId('CFS-NUKUI');
    [consultant1, supervisor1, consultant2, supervisor2, admin] = await Promise.all(['consultant1', 'supervisor1', 'consultant2', 'supervisor2', 'admin'].map((l) => t.login(l)));
    consultant1Id = await t.userId('consultant1');
    supervisor1Id = await t.userId('supervisor1');
    home = await createShortStayFacility(t.dataSource, { officeId: nerima, type: 'childrens_home', minAge: 2, maxAge: 17, baseBeds: 3 });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A child of `age` years on `on` (one day past the birthday). */
  const bornFor = (age: number, on: string) => addDays(addMonths(on, -12 * age), -1);
  const nerimaChild = (birthDate = '2019-04-10') => createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: consultant1Id, child: { birthDate } });

  const requestBody = (c: { id: string; childId: string }, overrides: Record<string, unknown> = {}) => ({
    caseId: c.id,
    childId: c.childId,
    facilityId: home,
    firstNight: d(10),
    lastNight: d(12),
    householdStatus: 'taxed',
    reason: '母の入院のため養育が一時的に困難',
    guardianConsentOn: today,
    guardianConsentBy: '母',
    contactDuringStay: '父 携帯 090-0000-0000',
    allergies: '卵',
    medicalNotes: null,
    ...overrides,
  });

  const checkOf = (body: { checks: Array<{ code: string; passed: boolean }> }, code: string) => body.checks.find((c) => c.code === code)?.passed;

  describe('pre-check', () => {
    it('lists every check with its outcome and the fee, and changes nothing', async () => {
      const c = await nerimaChild();
      const res = await t.post('/api/v1/short-stays/check', { token: consultant1, body: { caseId: c.id, childId: c.childId, facilityId: home, firstNight: d(10), lastNight: d(12), householdStatus: 'taxed' } });
      expect(res.status).toBe(200);
      expect(res.body.eligible).toBe(true);
      expect(res.body.nights).toBe(3);
      expect(res.body.policy).toMatchObject({ minAge: 2, maxAge: 12, maxNightsPerStay: 7, maxNightsPerMonth: 14 });
      expect(res.body.checks.map((x: { code: string }) => x.code)).toEqual([
        'not_in_past',
        'policy_in_force',
        'age_eligible',
        'stay_length',
        'monthly_limit',
        'no_overlap',
        'facility_accepting',
        'facility_age_range',
        'beds_free',
      ]);
      // 3 nights = 4 days at the 児童養護施設 rate for a taxed household (3,000円/日).
      expect(res.body.fee).toEqual({ feeYen: 12000, dailyRateYen: 3000, days: 4, exempt: false });
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM short_stays WHERE case_id = $1`, [c.id]))[0].n).toBe(0);
      const audit = await t.dataSource.query(`SELECT resource_type, resource_id FROM audit_events WHERE action = 'short_stay.check' ORDER BY id DESC LIMIT 1`);
      expect(audit[0]).toEqual({ resource_type: 'case', resource_id: c.id });
    });

    it('refuses a child who is not a child member of the case (400), and a facility without a short-stay profile (400)', async () => {
      const c = await nerimaChild();
      const other = await nerimaChild();
      const wrongChild = await t.post('/api/v1/short-stays/check', { token: consultant1, body: { caseId: c.id, childId: other.childId, facilityId: home, firstNight: d(10), lastNight: d(11) } });
      expect(wrongChild.status).toBe(400);
      expect(wrongChild.body.errors[0]).toMatchObject({ field: 'childId', code: 'not_a_child_of_case' });
      const nursery = (await t.dataSource.query(`INSERT INTO facilities (type, name, office_id) VALUES ('nursery', '試験保育園', $1) RETURNING id`, [nerima]))[0].id;
      const res = await t.post('/api/v1/short-stays/check', { token: consultant1, body: { caseId: c.id, childId: c.childId, facilityId: nursery, firstNight: d(10), lastNight: d(11) } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'facilityId', code: 'not_a_short_stay_facility' });
    });

    it('refuses a range longer than any policy allows before reading its nights (a mistyped year)', async () => {
      const c = await nerimaChild();
      const check = { caseId: c.id, childId: c.childId, facilityId: home, firstNight: d(10), lastNight: '9999-12-31', householdStatus: 'taxed' };
      for (const [path, body] of [['/api/v1/short-stays/check', check], ['/api/v1/short-stays', { ...requestBody(c), lastNight: '9999-12-31' }]] as const) {
        const res = await t.post(path, { token: consultant1, body });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'lastNight', code: 'too_long' })]);
      }
    });
  });

  describe('age on the first night', () => {
    it('a child who turned 13 before the first night is refused; the day before the birthday they are 12 and accepted', async () => {
      const first = d(20);
      const turned13 = await nerimaChild(addMonths(addDays(first, -3), -12 * 13)); // 13th birthday 3 days before the first night
      const res = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(turned13, { firstNight: first, lastNight: d(21) }) });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('business-rule-violated');
      expect(checkOf(res.body, 'age_eligible')).toBe(false);
      expect(res.body.ageOnFirstNight).toBe(13);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['age_eligible']);

      const still12 = await nerimaChild(addMonths(addDays(first, 1), -12 * 13)); // 13th birthday the day after the first night
      const ok = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(still12, { firstNight: first, lastNight: d(21) }) });
      expect(ok.status).toBe(201);
      expect(ok.body.childAgeOnFirstNight).toBe(12);
    });

    it('a later, wider policy row admits the same child from its effective date, judged by the first night', async () => {
      const widenFrom = d(200);
      const row = await t.post('/api/v1/short-stay-policies', {
        token: admin,
        body: { effectiveFrom: widenFrom, minAge: 2, maxAge: 15, maxNightsPerStay: 7, maxNightsPerMonth: 14, extensionRequiresApproval: true, note: '対象年齢を中学生まで拡大' },
      });
      expect(row.status).toBe(201);
      expect(row.body.inForce).toBe(false);
      const child = await nerimaChild(bornFor(13, widenFrom));
      const before = await t.post('/api/v1/short-stays/check', { token: consultant1, body: { caseId: child.id, childId: child.childId, facilityId: home, firstNight: addDays(widenFrom, -1), lastNight: widenFrom } });
      expect(before.status).toBe(200);
      expect(before.body.policy.maxAge).toBe(12);
      expect(checkOf(before.body, 'age_eligible')).toBe(false);
      const after = await t.post('/api/v1/short-stays/check', { token: consultant1, body: { caseId: child.id, childId: child.childId, facilityId: home, firstNight: widenFrom, lastNight: addDays(widenFrom, 1) } });
      expect(after.body.policy).toMatchObject({ id: row.body.id, maxAge: 15 });
      expect(checkOf(after.body, 'age_eligible')).toBe(true);
      expect(after.body.eligible).toBe(true);

      const policies = await t.get('/api/v1/short-stay-policies', { token: consultant1 });
      expect(policies.body.map((p: { effectiveFrom: string; inForce: boolean }) => [p.effectiveFrom, p.inForce])).toEqual([
        [widenFrom, false],
        ['2018-04-01', true],
      ]);
    });

    it('policy rows are added by admins only, never retroactively, never twice for a date, never edited', async () => {
      const body = { effectiveFrom: d(300), minAge: 0, maxAge: 17, maxNightsPerStay: 7, maxNightsPerMonth: 14, extensionRequiresApproval: true };
      expect((await t.post('/api/v1/short-stay-policies', { token: supervisor1, body })).status).toBe(403);
      const past = await t.post('/api/v1/short-stay-policies', { token: admin, body: { ...body, effectiveFrom: d(-1) } });
      expect(past.status).toBe(400);
      expect(past.body.errors[0]).toMatchObject({ field: 'effectiveFrom', code: 'in_past' });
      const inverted = await t.post('/api/v1/short-stay-policies', { token: admin, body: { ...body, minAge: 10, maxAge: 5 } });
      expect(inverted.status).toBe(400);
      const created = await t.post('/api/v1/short-stay-policies', { token: admin, body });
      expect(created.status).toBe(201);
      expect((await t.post('/api/v1/short-stay-policies', { token: admin, body })).status).toBe(409);
      await expect(t.dataSource.query(`UPDATE short_stay_policies SET max_age = 17 WHERE effective_from = '2018-04-01'`)).rejects.toThrow(/immutable/);
      // A future row may be withdrawn before it takes effect; the one in force may not.
      expect((await t.request('DELETE', `/api/v1/short-stay-policies/${created.body.id}`, { token: admin })).status).toBe(204);
      const inForce = (await t.get('/api/v1/short-stay-policies', { token: admin })).body.find((p: { inForce: boolean }) => p.inForce);
      expect((await t.request('DELETE', `/api/v1/short-stay-policies/${inForce.id}`, { token: admin })).status).toBe(422);
    });
  });

  describe('limits', () => {
    it('a stay of 7 nights is accepted, 8 nights is not (原則7日以内)', async () => {
      const c = await nerimaChild();
      const eight = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { firstNight: d(30), lastNight: d(37) }) });
      expect(eight.status).toBe(422);
      expect(eight.body.errors.map((e: { code: string }) => e.code)).toEqual(['stay_length']);
      const seven = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { firstNight: d(30), lastNight: d(36) }) });
      expect(seven.status).toBe(201);
      expect(seven.body.nights).toBe(7);
      expect(seven.body.checkOutOn).toBe(d(37));
    });

    it('nights per child per month count the child’s other booked stays of that month (14)', async () => {
      const monthStart = `${addMonths(today, 2).slice(0, 7)}-01`;
      const m = (day: number) => addDays(monthStart, day);
      const c = await nerimaChild();
      const own = await createShortStayFacility(t.dataSource, { officeId: nerima, baseBeds: 1 });
      const base = { officeId: nerima, caseId: c.id, childId: c.childId, facilityId: own, requestedBy: consultant1Id, decidedBy: supervisor1Id, status: 'approved' as const };
      await createShortStayRecord(t.dataSource, { ...base, firstNight: m(0), lastNight: m(6) });
      await createShortStayRecord(t.dataSource, { ...base, firstNight: m(10), lastNight: m(14) });
      // A request still waiting does not count: only booked nights do.
      await createShortStayRecord(t.dataSource, { ...base, status: 'requested', firstNight: m(16), lastNight: m(17) });
      const over = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { facilityId: own, firstNight: m(20), lastNight: m(22) }) });
      expect(over.status).toBe(422);
      expect(over.body.errors.map((e: { code: string }) => e.code)).toEqual(['monthly_limit']);
      const limit = over.body.checks.find((x: { code: string }) => x.code === 'monthly_limit');
      expect(limit.details.months).toEqual([{ month: monthStart.slice(0, 7), thisStay: 3, otherStays: 12, total: 15, limit: 14 }]);
      const exactly = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { facilityId: own, firstNight: m(20), lastNight: m(21) }) });
      expect(exactly.status).toBe(201);
      // Nights the child already holds cannot be requested again.
      const overlap = await t.post('/api/v1/short-stays/check', { token: consultant1, body: { caseId: c.id, childId: c.childId, facilityId: home, firstNight: m(6), lastNight: m(7) } });
      expect(checkOf(overlap.body, 'beds_free')).toBe(true);
      expect(checkOf(overlap.body, 'no_overlap')).toBe(false);
    });

    it('the facility’s accepted ages: a 5-year-old at an infant home (0–2) is refused', async () => {
      const infantHome = await createShortStayFacility(t.dataSource, { officeId: nerima, type: 'infant_home', minAge: 0, maxAge: 2, baseBeds: 1 });
      const c = await nerimaChild(bornFor(5, d(10)));
      const res = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { facilityId: infantHome }) });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['facility_age_range']);
      const toddler = await nerimaChild(bornFor(2, d(10)));
      expect((await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(toddler, { facilityId: infantHome }) })).status).toBe(201);
    });

    it('a first night in the past and a last night before the first are refused', async () => {
      const c = await nerimaChild();
      const past = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { firstNight: d(-1), lastNight: d(1) }) });
      expect(past.status).toBe(422);
      expect(past.body.errors.map((e: { code: string }) => e.code)).toEqual(['not_in_past']);
      const inverted = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { firstNight: d(5), lastNight: d(4) }) });
      expect(inverted.status).toBe(400);
    });
  });

  describe('validation', () => {
    it('rejects unknown fields, wrong types, impossible dates and missing consent', async () => {
      const c = await nerimaChild();
      const unknown = await t.post('/api/v1/short-stays', { token: consultant1, body: { ...requestBody(c), feeYen: 0 } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'feeYen', code: 'unknown_field' })]);
      const bad = await t.post('/api/v1/short-stays', { token: consultant1, body: { ...requestBody(c), firstNight: '2026-02-30', householdStatus: 'rich', guardianConsentBy: undefined } });
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['firstNight', 'householdStatus', 'guardianConsentBy']));
    });
  });

  describe('decisions', () => {
    const newRequest = async (token = consultant1, overrides: Record<string, unknown> = {}) => {
      const c = await nerimaChild();
      const res = await t.post('/api/v1/short-stays', { token, body: requestBody(c, overrides) });
      expect(res.status).toBe(201);
      return res.body;
    };

    it('a supervisor of the office approves: beds booked, fee and policy stored, history recorded', async () => {
      const stay = await newRequest();
      expect(stay.status).toBe('requested');
      // Each is offered what it may do: the requester changes or withdraws the request, a supervisor decides.
      expect(stay.allowedActions).toEqual(['update', 'cancel']);
      expect((await t.get(`/api/v1/short-stays/${stay.id}`, { token: supervisor1 })).body.allowedActions).toEqual(['approve', 'reject', 'cancel']);
      const mine = await t.get('/api/v1/short-stays', { token: supervisor1, query: { caseId: stay.caseId } });
      expect(mine.body.items.map((s: { allowedActions: string[] }) => s.allowedActions)).toEqual([['approve', 'reject', 'cancel']]);
      // Shared with another office for reading: nothing is offered there.
      await t.dataSource.query(`INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'transfer')`, [stay.caseId, nukui]);
      expect((await t.get(`/api/v1/short-stays/${stay.id}`, { token: supervisor2 })).body.allowedActions).toEqual([]);
      await t.dataSource.query(`DELETE FROM case_office_shares WHERE case_id = $1`, [stay.caseId]);
      const res = await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: { version: stay.version, note: '承認します' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'approved', decidedBy: supervisor1Id, fee: { feeYen: 12000, dailyRateYen: 3000, days: 4, exempt: false } });
      expect(res.body.policyId).toEqual(expect.any(String));
      expect(res.body.events.map((e: { action: string; toStatus: string }) => [e.action, e.toStatus])).toEqual([
        ['request', 'requested'],
        ['approve', 'approved'],
      ]);
      const nights = await t.dataSource.query(`SELECT night::text FROM short_stay_bookings WHERE short_stay_id = $1 ORDER BY night`, [stay.id]);
      expect(nights.map((n: { night: string }) => n.night)).toEqual([d(10), d(11), d(12)]);
    });

    it('a consultant cannot approve (403); a supervisor cannot approve their own request (403); another office’s supervisor sees nothing (404)', async () => {
      const stay = await newRequest();
      expect((await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: consultant1, body: {} })).status).toBe(403);
      expect((await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor2, body: {} })).status).toBe(404);
      const own = await newRequest(supervisor1);
      const self = await t.post(`/api/v1/short-stays/${own.id}/approve`, { token: supervisor1, body: {} });
      expect(self.status).toBe(403);
      expect(self.body.detail).toMatch(/自分が申請した/);
      const selfReject = await t.post(`/api/v1/short-stays/${own.id}/reject`, { token: supervisor1, body: { reason: 'no_vacancy' } });
      expect(selfReject.status).toBe(403);
      // The database refuses it too, whatever the code does.
      await expect(t.dataSource.query(`UPDATE short_stays SET decided_by = requested_by WHERE id = $1`, [own.id])).rejects.toThrow(/short_stays_not_self_approved/);
      expect((await t.get(`/api/v1/short-stays/${own.id}`, { token: supervisor1 })).body.status).toBe('requested');
    });

    it('a request whose case was closed meanwhile cannot be approved; it can still be cancelled', async () => {
      const stay = await newRequest();
      await t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = '転出' WHERE id = $1`, [stay.caseId]);
      const res = await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: {} });
      expect(res.status).toBe(422);
      expect((await t.post(`/api/v1/short-stays/${stay.id}/cancel`, { token: supervisor1, body: { reason: 'ケース終結' } })).status).toBe(200);
    });

    it('an approval sent while the case is being closed waits for the closure, then books nothing', async () => {
      const stay = await newRequest();
      // The closure's transaction holds the case row changed, not yet committed, while the approval comes in.
      const closing = t.dataSource.createQueryRunner();
      await closing.connect();
      await closing.startTransaction();
      try {
        await closing.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = '転出' WHERE id = $1`, [stay.caseId]);
        let answered = false;
        const approval = t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: { version: stay.version } }).finally(() => (answered = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(answered).toBe(false);
        await closing.commitTransaction();
        expect((await approval).status).toBe(422);
      } finally {
        if (closing.isTransactionActive) await closing.rollbackTransaction();
        await closing.release();
      }
      const [row] = await t.dataSource.query(`SELECT status, (SELECT count(*)::int FROM short_stay_bookings b WHERE b.short_stay_id = s.id) AS nights FROM short_stays s WHERE s.id = $1`, [stay.id]);
      expect(row).toEqual({ status: 'requested', nights: 0 });
    });

    it('rejects with a reason code (a note is required for "other")', async () => {
      const stay = await newRequest();
      expect((await t.post(`/api/v1/short-stays/${stay.id}/reject`, { token: supervisor1, body: { reason: 'other' } })).status).toBe(400);
      const res = await t.post(`/api/v1/short-stays/${stay.id}/reject`, { token: supervisor1, body: { reason: 'other_support_more_suitable', note: '親族の支援が得られるため' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rejected', rejectionReason: 'other_support_more_suitable', rejectionReasonLabel: '他の支援が適当', allowedActions: [] });
      const again = await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: {} });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'invalid-state-transition', state: 'rejected', allowed: [] });
    });

    it('illegal transitions answer 409 with the allowed actions; a stale version is a 409 version-conflict', async () => {
      const stay = await newRequest();
      const checkIn = await t.post(`/api/v1/short-stays/${stay.id}/check-in`, { token: consultant1, body: {} });
      expect(checkIn.status).toBe(409);
      expect(checkIn.body).toMatchObject({ code: 'invalid-state-transition', state: 'requested', allowed: ['update', 'approve', 'reject', 'cancel'] });
      const complete = await t.post(`/api/v1/short-stays/${stay.id}/complete`, { token: consultant1, body: { returnedOn: d(13), returnCheckedOn: d(13), childCondition: '元気' } });
      expect(complete.status).toBe(409);
      const stale = await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: { version: stay.version + 5 } });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('version-conflict');
    });

    it('only the requester changes a waiting request; the change is re-checked', async () => {
      const stay = await newRequest();
      const colleague = await t.patch(`/api/v1/short-stays/${stay.id}`, { token: supervisor1, body: { version: stay.version, lastNight: d(13) } });
      expect(colleague.status).toBe(403);
      const tooLong = await t.patch(`/api/v1/short-stays/${stay.id}`, { token: consultant1, body: { version: stay.version, lastNight: d(20) } });
      expect(tooLong.status).toBe(422);
      const nulled = await t.patch(`/api/v1/short-stays/${stay.id}`, { token: consultant1, body: { version: stay.version, reason: null } });
      expect(nulled.status).toBe(400);
      const ok = await t.patch(`/api/v1/short-stays/${stay.id}`, { token: consultant1, body: { version: stay.version, lastNight: d(13), allergies: null } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ lastNight: d(13), nights: 4, allergies: null, version: stay.version + 1 });
    });

    it('fees: 生活保護 and 住民税非課税 households are free; taxed households pay the daily rate per day of use', async () => {
      const fees: Record<string, unknown> = {};
      for (const householdStatus of ['public_assistance', 'resident_tax_exempt', 'taxed']) {
        const stay = await newRequest(consultant1, { householdStatus, firstNight: d(40), lastNight: d(41) });
        const res = await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: {} });
        expect(res.status).toBe(200);
        fees[householdStatus] = res.body.fee;
        const stored = await t.dataSource.query(`SELECT fee_yen, fee_exempt FROM short_stays WHERE id = $1`, [stay.id]);
        expect(stored[0].fee_yen).toBe((res.body.fee as { feeYen: number }).feeYen);
      }
      expect(fees).toEqual({
        public_assistance: { feeYen: 0, dailyRateYen: 0, days: 3, exempt: true },
        resident_tax_exempt: { feeYen: 0, dailyRateYen: 0, days: 3, exempt: true },
        taxed: { feeYen: 9000, dailyRateYen: 3000, days: 3, exempt: false },
      });
    });

    it('extension beyond 7 nights needs a supervisor (the policy says so); the added nights are booked', async () => {
      const stay = await newRequest(consultant1, { firstNight: d(50), lastNight: d(56) });
      await t.post(`/api/v1/short-stays/${stay.id}/approve`, { token: supervisor1, body: {} });
      const byConsultant = await t.post(`/api/v1/short-stays/${stay.id}/extend`, { token: consultant1, body: { lastNight: d(58), reason: '母の入院延長' } });
      expect(byConsultant.status).toBe(403);
      const earlier = await t.post(`/api/v1/short-stays/${stay.id}/extend`, { token: supervisor1, body: { lastNight: d(55), reason: '誤り' } });
      expect(earlier.status).toBe(400);
      const res = await t.post(`/api/v1/short-stays/${stay.id}/extend`, { token: supervisor1, body: { lastNight: d(58), reason: '母の入院延長' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'approved', lastNight: d(58), nights: 9, fee: { feeYen: 30000, days: 10 } });
      expect(res.body.events.at(-1)).toMatchObject({ action: 'extend', reason: '母の入院延長', details: expect.objectContaining({ fromLastNight: d(56), toLastNight: d(58) }) });
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM short_stay_bookings WHERE short_stay_id = $1`, [stay.id]))[0].n).toBe(9);
    });

    it('check-in happens during the stay; the return check completes it, an early return frees the unused nights', async () => {
      const c = await nerimaChild();
      const stayId = await createShortStayRecord(t.dataSource, {
        officeId: nerima,
        caseId: c.id,
        childId: c.childId,
        facilityId: home,
        firstNight: d(-3),
        lastNight: d(2),
        requestedBy: consultant1Id,
        decidedBy: supervisor1Id,
        status: 'approved',
      });
      const early = await t.post(`/api/v1/short-stays/${stayId}/check-in`, { token: consultant1, body: {} });
      expect(early.status).toBe(200);
      expect(early.body.status).toBe('in_stay');
      // With no policy on record an extension is a supervisor's decision: the consultant is offered the return check only.
      expect(early.body.allowedActions).toEqual(['complete']);
      expect((await t.get(`/api/v1/short-stays/${stayId}`, { token: supervisor1 })).body.allowedActions).toEqual(['extend', 'complete']);
      const future = await t.post(`/api/v1/short-stays/${stayId}/complete`, { token: consultant1, body: { returnedOn: d(1), returnCheckedOn: d(1), childCondition: '元気' } });
      expect(future.status).toBe(400);
      const res = await t.post(`/api/v1/short-stays/${stayId}/complete`, { token: consultant1, body: { returnedOn: d(-1), returnCheckedOn: today, childCondition: '元気に登校している', notes: '母から聴取' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'completed', returnedOn: d(-1), returnCheckedOn: today, lastNight: d(-2), nights: 2, fee: { feeYen: 9000, days: 3 } });
      expect(res.body.events.at(-1).details).toMatchObject({ plannedLastNight: d(2), nightsUsed: 2, nightsFreed: 4 });
      const nights = await t.dataSource.query(`SELECT night::text FROM short_stay_bookings WHERE short_stay_id = $1 ORDER BY night`, [stayId]);
      expect(nights.map((n: { night: string }) => n.night)).toEqual([d(-3), d(-2)]);
    });

    it('cancel: a waiting request or an approved stay; not a stay that has begun', async () => {
      const stay = await newRequest(consultant1, { firstNight: d(45), lastNight: d(46) });
      expect((await t.post(`/api/v1/short-stays/${stay.id}/cancel`, { token: consultant1, body: {} })).status).toBe(400);
      const res = await t.post(`/api/v1/short-stays/${stay.id}/cancel`, { token: consultant1, body: { reason: '保護者の都合' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '保護者の都合' });
      const c = await nerimaChild();
      const inStay = await createShortStayRecord(t.dataSource, { officeId: nerima, caseId: c.id, childId: c.childId, facilityId: home, firstNight: d(-1), lastNight: d(1), requestedBy: consultant1Id, decidedBy: supervisor1Id, status: 'in_stay' });
      const refused = await t.post(`/api/v1/short-stays/${inStay}/cancel`, { token: consultant1, body: { reason: '取消' } });
      expect(refused.status).toBe(409);
      expect(refused.body.allowed).toEqual(['extend', 'complete']);
    });
  });

  describe('scope', () => {
    it('another office’s requests are invisible: list, detail, actions and pre-check', async () => {
      const c = await nerimaChild();
      const created = await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { firstNight: d(60), lastNight: d(60) }) });
      expect(created.status).toBe(201);
      const nukuiCase = await createCaseWithChild(t.dataSource, { officeId: nukui, leadWorkerId: await t.userId('consultant2') });
      const theirs = await t.post('/api/v1/short-stays', { token: consultant2, body: requestBody(nukuiCase, { firstNight: d(60), lastNight: d(60) }) });
      expect(theirs.status).toBe(201);

      const list2 = await t.get('/api/v1/short-stays', { token: consultant2, query: { limit: 200 } });
      expect(list2.status).toBe(200);
      const ids2 = list2.body.items.map((s: { id: string }) => s.id);
      expect(ids2).toContain(theirs.body.id);
      expect(ids2).not.toContain(created.body.id);
      expect(list2.body.items.every((s: { officeId: string }) => s.officeId === nukui)).toBe(true);
      expect(list2.body.total).toBe(list2.body.items.length);

      expect((await t.get(`/api/v1/short-stays/${created.body.id}`, { token: consultant2 })).status).toBe(404);
      expect((await t.get(`/api/v1/short-stays/${created.body.id}`, { token: supervisor2 })).status).toBe(404);
      for (const action of ['approve', 'reject', 'cancel', 'check-in']) {
        const res = await t.post(`/api/v1/short-stays/${created.body.id}/${action}`, { token: supervisor2, body: action === 'reject' ? { reason: 'no_vacancy' } : action === 'cancel' ? { reason: 'x' } : {} });
        expect({ action, status: res.status }).toEqual({ action, status: 404 });
      }
      const check = await t.post('/api/v1/short-stays/check', { token: consultant2, body: { caseId: c.id, childId: c.childId, facilityId: home, firstNight: d(60), lastNight: d(60) } });
      expect(check.status).toBe(404);

      const list1 = await t.get('/api/v1/short-stays', { token: supervisor1, query: { limit: 200 } });
      expect(list1.body.items.map((s: { id: string }) => s.id)).not.toContain(theirs.body.id);
      // Liaison, auditor and admin roles see no case content.
      for (const login of ['liaison', 'auditor', 'admin']) {
        expect((await t.get('/api/v1/short-stays', { token: await t.login(login) })).status).toBe(403);
      }
    });

    it('lists filter and page by first night (keyset), with a total', async () => {
      const c = await nerimaChild();
      for (const offset of [70, 72, 74]) {
        expect((await t.post('/api/v1/short-stays', { token: consultant1, body: requestBody(c, { firstNight: d(offset), lastNight: d(offset) }) })).status).toBe(201);
      }
      const first = await t.get('/api/v1/short-stays', { token: consultant1, query: { childId: c.childId, limit: 2 } });
      expect(first.body.total).toBe(3);
      expect(first.body.items.map((s: { firstNight: string }) => s.firstNight)).toEqual([d(74), d(72)]);
      const second = await t.get('/api/v1/short-stays', { token: consultant1, query: { childId: c.childId, limit: 2, cursor: first.body.nextCursor } });
      expect(second.body.items.map((s: { firstNight: string }) => s.firstNight)).toEqual([d(70)]);
      expect(second.body.nextCursor).toBeNull();
      const ranged = await t.get('/api/v1/short-stays', { token: consultant1, query: { childId: c.childId, from: d(71), to: d(73) } });
      expect(ranged.body.items.map((s: { firstNight: string }) => s.firstNight)).toEqual([d(72)]);
    });
  });

  it('demo data: both demo offices see their own stays; seeding again changes nothing', async () => {
    const counts = () =>
      t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM short_stays) AS stays, (SELECT count(*)::int FROM short_stay_bookings) AS bookings,
                (SELECT count(*)::int FROM short_stay_facility_profiles) AS profiles, (SELECT count(*)::int FROM cases) AS cases,
                (SELECT count(*)::int FROM reminders r JOIN short_stays s ON s.id::text = r.subject_id JOIN cases c ON c.id = s.case_id
                  WHERE r.subject_type = 'short_stay' AND c.label LIKE '%（ショートステイ見本）') AS reminders`,
      );
    const before = await counts();
    // The two approved demo stays: "starts tomorrow", the return check and its escalation each.
    expect(before[0].reminders).toBe(6);
    await seed(t.dataSource, { demo: true, demoPassword: DEMO_PASSWORD });
    expect(await counts()).toEqual(before);
    const mine = await t.get('/api/v1/short-stays', { token: consultant1, query: { limit: 200 } });
    expect(mine.body.items.some((s: { childNameKanji: string; status: string }) => s.childNameKanji === '青木 ひなた' && s.status === 'completed')).toBe(true);
    const theirs = await t.get('/api/v1/short-stays', { token: consultant2, query: { limit: 200 } });
    expect(theirs.body.items.some((s: { childNameKanji: string; status: string }) => s.childNameKanji === '森田 そうた' && s.status === 'approved')).toBe(true);
    expect(theirs.body.items.some((s: { childNameKanji: string }) => s.childNameKanji === '青木 ひなた')).toBe(false);
    const facilities = await t.get('/api/v1/short-stay-facilities', { token: consultant2, query: { configured: true } });
    expect(facilities.body.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['みどり学園（児童養護施設・架空）', 'ひかり乳児院（架空）', '協力家庭 さくら（貫井地区・架空）']));
  });

  it('dictionaries carry the labels', async () => {
    const res = await t.get('/api/v1/dictionaries/shortStayStatus', { token: consultant1 });
    expect(res.body).toMatchObject({ requested: '申請中', in_stay: '利用中' });
    expect((await t.get('/api/v1/dictionaries/householdStatus', { token: consultant1 })).body.public_assistance).toBe('生活保護世帯');
  });
});
