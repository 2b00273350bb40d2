import { addDays, addMonths, japanDateTime, todayInJapan } from '../src/common/time/japan-time';
import { addWorkingDays } from '../src/common/time/working-days';
import { JobName, QueueName } from '../src/common/queues/queue-catalog';
import { QueuesService } from '../src/common/queues/queues.service';
import { FacilityRoundSweepHandler } from '../src/modules/facility-rounds/facility-round-sweep.handler';
import { WatchVisitSweepHandler } from '../src/modules/watch-visits/watch-visit-sweep.handler';
import { createCaseWithChild, createFacility } from './factories/casework';
import { TestApp } from './harness/test-app';
import { TestWorker } from './harness/test-worker';
import { sleep, waitFor } from './harness/wait';

/**
 * The reminder rules of 見守り訪問 and 巡回訪問, through the real reminder
 * engine and worker: visit due the working day before → the responsible
 * worker, 3 working days overdue → the supervisors; a child not seen twice or
 * a higher risk → the supervisors at once; round due; attendance report
 * missing and long absence → the lead worker. A recorded visit reschedules;
 * pausing or ending cancels.
 */
describe('watch visit and facility round reminders', () => {
  let t: TestApp;
  let worker: TestWorker;
  let consultant1: string;
  let supervisor1: string;
  let c1: string;
  let s1: string;
  let nerima: string;
  const today = todayInJapan();

  beforeAll(async () => {
    t = await TestApp.start({ demoRecords: true });
    worker = await TestWorker.start(t.config);
    [consultant1, supervisor1] = await Promise.all([t.login('consultant1'), t.login('supervisor1')]);
    c1 = await t.userId('consultant1');
    s1 = await t.userId('supervisor1');
    nerima = await t.officeId('CFS-NERIMA');
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  type ReminderRow = { state: string; version: number; due_at: Date; recipients: unknown[]; urgent: boolean; title: string; rule: string };
  const reminder = async (key: string, stage = 'due'): Promise<ReminderRow | undefined> =>
    (await t.dataSource.query(`SELECT state, version, due_at, recipients, urgent, title, rule FROM reminders WHERE key = $1 AND stage = $2`, [key, stage]))[0];
  const inboxOf = (key: string): Promise<Array<{ user_id: string; urgent: boolean; title: string; stage: string }>> =>
    t.dataSource.query(`SELECT n.user_id, n.urgent, n.title, r.stage FROM notifications n JOIN reminders r ON r.id = n.reminder_id WHERE r.key = $1 ORDER BY r.stage, n.user_id`, [key]);
  const delivered = (key: string, stage = 'due') => waitFor(() => reminder(key, stage), (r) => r?.state === 'delivered', { what: `${key} (${stage}) delivered` });
  const visitNow = (caseId: string, childId: string, extra: Record<string, unknown> = {}) =>
    t.post('/api/v1/watch-visits', {
      token: consultant1,
      body: { caseId, visitorIds: [c1], visitedAt: new Date().toISOString(), outcome: 'done', riskChange: 'same', children: [{ personId: childId, seen: true, condition: 'good' }], ...extra },
    });

  describe('visit due', () => {
    it('reminds the responsible worker the working day before and escalates to the supervisors after 3 working days; a visit moves it', async () => {
      const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const startOn = addWorkingDays(today, 20);
      const plan = (await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: family.id, frequency: 'weekly', startOn, purpose: '安全確認' } })).body;
      const key = `watch_visit.due:${plan.id}`;
      const due = await reminder(key);
      expect(due).toMatchObject({ state: 'scheduled', rule: 'watch_visit.due', urgent: false, recipients: [{ kind: 'user', userId: c1 }] });
      expect(due!.due_at.toISOString()).toBe(japanDateTime(addWorkingDays(startOn, -1), 9).toISOString());
      const escalation = await reminder(key, 'escalation');
      expect(escalation).toMatchObject({ state: 'scheduled', urgent: true, recipients: [{ kind: 'office_role', officeId: nerima, role: 'supervisor' }] });
      expect(escalation!.due_at.toISOString()).toBe(japanDateTime(addWorkingDays(startOn, 3), 9).toISOString());

      // A visit done today: due a week later (moved off a holiday), the reminder re-armed for it.
      const visit = await visitNow(family.id, family.childId);
      expect(visit.status).toBe(201);
      const nextDue = (await t.get(`/api/v1/watch-visit-plans/${plan.id}`, { token: consultant1 })).body.nextDueOn;
      expect(nextDue).toBe(addWorkingDays(addDays(today, 7), 0));
      const moved = await reminder(key);
      expect(moved!.version).toBe(due!.version + 1);
      expect(moved!.due_at.toISOString()).toBe(japanDateTime(addWorkingDays(nextDue, -1), 9).toISOString());
    });

    it('pausing and ending cancel; resuming schedules again', async () => {
      const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      let plan = (await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: family.id, frequency: 'monthly', startOn: addWorkingDays(today, 15), purpose: '見守り' } })).body;
      const key = `watch_visit.due:${plan.id}`;
      plan = (await t.post(`/api/v1/watch-visit-plans/${plan.id}/pause`, { token: consultant1, body: { reason: '入院中', version: plan.version } })).body;
      expect((await reminder(key))!.state).toBe('cancelled');
      expect((await reminder(key, 'escalation'))!.state).toBe('cancelled');
      plan = (await t.post(`/api/v1/watch-visit-plans/${plan.id}/resume`, { token: consultant1, body: { version: plan.version } })).body;
      expect((await reminder(key))!.state).toBe('scheduled');
      expect((await reminder(key, 'escalation'))!.state).toBe('scheduled');
      await t.post(`/api/v1/watch-visit-plans/${plan.id}/end`, { token: consultant1, body: { reason: '転出のため終了', version: plan.version } });
      expect((await reminder(key))!.state).toBe('cancelled');
      expect((await reminder(key, 'escalation'))!.state).toBe('cancelled');
      expect(await inboxOf(key)).toEqual([]);
    });

    it('a visit 4 working days overdue has reached the supervisors; one 1 working day overdue has not', async () => {
      const late = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const lateStart = addWorkingDays(today, -4);
      const latePlan = (await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: late.id, frequency: 'weekly', startOn: lateStart, purpose: '安全確認' } })).body;
      const recent = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const recentPlan = (await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: recent.id, frequency: 'weekly', startOn: addWorkingDays(today, -1), purpose: '安全確認' } })).body;
      const lateKey = `watch_visit.due:${latePlan.id}`;
      await delivered(lateKey);
      await delivered(lateKey, 'escalation');
      expect(await inboxOf(lateKey)).toEqual([
        { user_id: c1, urgent: false, title: '見守り訪問の予定日が近づいています', stage: 'due' },
        { user_id: s1, urgent: true, title: '見守り訪問が予定日から3開庁日以上遅れています', stage: 'escalation' },
      ]);
      const recentKey = `watch_visit.due:${recentPlan.id}`;
      await delivered(recentKey);
      expect((await reminder(recentKey, 'escalation'))!.state).toBe('scheduled');
      expect((await inboxOf(recentKey)).map((n) => n.user_id)).toEqual([c1]);
    });
  });

  describe('alerts to the supervisors', () => {
    it('a child not seen twice in a row, then a higher risk: the office supervisors at once, urgent', async () => {
      const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      await t.post('/api/v1/watch-visit-plans', { token: consultant1, body: { caseId: family.id, frequency: 'weekly', startOn: addDays(today, -20), purpose: '安全確認' } });
      const first = await visitNow(family.id, family.childId, { visitedAt: japanDateTime(addDays(today, -14), 10).toISOString(), children: [{ personId: family.childId, seen: false }] });
      expect(first.body.alerts).toEqual([]);
      const second = await visitNow(family.id, family.childId, { visitedAt: japanDateTime(addDays(today, -7), 10).toISOString(), outcome: 'not_done', notDoneReason: 'refused', riskChange: undefined, children: undefined });
      expect(second.body.alerts).toEqual(['child_not_seen_twice']);
      const notSeenKey = `watch_visit.child_not_seen_twice:${second.body.id}`;
      await delivered(notSeenKey);
      expect(await inboxOf(notSeenKey)).toEqual([{ user_id: s1, urgent: true, title: '見守り訪問：児童を2回続けて目視できていません', stage: 'due' }]);
      expect(await reminder(`watch_visit.child_not_seen_twice:${first.body.id}`)).toBeUndefined();

      const third = await visitNow(family.id, family.childId, { riskChange: 'higher' });
      expect(third.body.alerts).toEqual(['risk_higher']);
      const riskKey = `watch_visit.risk_higher:${third.body.id}`;
      await delivered(riskKey);
      expect(await inboxOf(riskKey)).toEqual([{ user_id: s1, urgent: true, title: '見守り訪問：リスクが上昇しました', stage: 'due' }]);
      // The supervisor's inbox shows them; another office's supervisor got nothing.
      const inbox = (await t.get('/api/v1/notifications', { token: supervisor1 })).body.items.map((n: { rule: string }) => n.rule);
      expect(inbox).toEqual(expect.arrayContaining(['watch_visit.child_not_seen_twice', 'watch_visit.risk_higher']));
      const nukuiInbox = (await t.get('/api/v1/notifications', { token: await t.login('supervisor2') })).body.items.map((n: { rule: string }) => n.rule);
      expect(nukuiInbox).not.toContain('watch_visit.risk_higher');
    });
  });

  describe('rounds and attendance', () => {
    it('a planned round reminds its visitors the working day before; recording cancels it and plans the next one', async () => {
      const facility = await createFacility(t.dataSource, { officeId: nerima, type: 'nursery' });
      const plannedOn = addWorkingDays(today, 10);
      const round = (await t.post('/api/v1/facility-rounds', { token: consultant1, body: { facilityId: facility, plannedOn, visitorIds: [c1, s1] } })).body;
      const key = `facility_round.due:${round.id}`;
      const due = await reminder(key);
      expect(due).toMatchObject({ state: 'scheduled', rule: 'facility_round.due', recipients: [{ kind: 'user', userId: c1 }, { kind: 'user', userId: s1 }] });
      expect(due!.due_at.toISOString()).toBe(japanDateTime(addWorkingDays(plannedOn, -1), 9).toISOString());
      const nextOn = addWorkingDays(today, 30);
      const recorded = await t.post(`/api/v1/facility-rounds/${round.id}/record`, { token: consultant1, body: { visitedAt: new Date().toISOString(), observations: [], nextRoundOn: nextOn, version: round.version } });
      expect(recorded.status).toBe(200);
      expect((await reminder(key))!.state).toBe('cancelled');
      const next = await reminder(`facility_round.due:${recorded.body.nextRoundId}`);
      expect(next!.due_at.toISOString()).toBe(japanDateTime(addWorkingDays(nextOn, -1), 9).toISOString());
    });

    it('7 consecutive days absent notifies the lead worker at once; 6 does not', async () => {
      const facility = await createFacility(t.dataSource, { officeId: nerima, type: 'elementary_school' });
      const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const flag = (await t.post('/api/v1/children-of-concern', { token: consultant1, body: { caseId: family.id, personId: family.childId, facilityId: facility, startOn: addMonths(today, -3) } })).body;
      const report = async (monthsBack: number, longest: number) =>
        (
          await t.post('/api/v1/attendance-reports', {
            token: supervisor1,
            body: { childOfConcernId: flag.id, month: addMonths(today, -monthsBack).slice(0, 7), daysAttended: 10, daysAbsent: longest, absencesExplained: false, longestConsecutiveAbsence: longest },
          })
        ).body;
      const six = await report(2, 6);
      expect(six.longAbsence).toBe(false);
      expect(await reminder(`attendance_report.long_absence:${six.id}`)).toBeUndefined();
      const seven = await report(1, 7);
      const key = `attendance_report.long_absence:${seven.id}`;
      await delivered(key);
      expect(await inboxOf(key)).toEqual([{ user_id: c1, urgent: true, title: '要配慮児童が7日以上連続で欠席しています', stage: 'due' }]);
    });

    it('a month not reported is reminded to the lead worker after the 10th of the next month; a report or the end of the flag cancels it', async () => {
      const facility = await createFacility(t.dataSource, { officeId: nerima, type: 'after_school_club' });
      const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const flag = (await t.post('/api/v1/children-of-concern', { token: consultant1, body: { caseId: family.id, personId: family.childId, facilityId: facility, startOn: addMonths(today, -1) } })).body;
      const month = today.slice(0, 7);
      const key = `attendance_report.missing:${flag.id}:${month}`;
      const due = await reminder(key);
      expect(due).toMatchObject({ state: 'scheduled', rule: 'attendance_report.missing', recipients: [{ kind: 'user', userId: c1 }] });
      expect(due!.due_at.toISOString()).toBe(japanDateTime(addWorkingDays(`${addMonths(`${month}-01`, 1).slice(0, 7)}-10`, 1), 9).toISOString());

      // Ending the flag last month takes this month's reminder off; reopening it puts it back.
      const ended = (await t.patch(`/api/v1/children-of-concern/${flag.id}`, { token: consultant1, body: { endOn: addDays(`${month}-01`, -1), version: flag.version } })).body;
      expect((await reminder(key))!.state).toBe('cancelled');
      const reopened = (await t.patch(`/api/v1/children-of-concern/${flag.id}`, { token: consultant1, body: { endOn: null, version: ended.version } })).body;
      expect((await reminder(key))!.state).toBe('scheduled');
      expect(reopened.endOn).toBeNull();

      const sent = await t.post('/api/v1/attendance-reports', { token: consultant1, body: { childOfConcernId: flag.id, month, daysAttended: 12, daysAbsent: 0, longestConsecutiveAbsence: 0 } });
      expect(sent.status).toBe(201);
      expect((await reminder(key))!.state).toBe('cancelled');
    });
  });

  describe('daily sweeps', () => {
    it('give plans, flags and rounds written without the API their reminders, and take them off closed cases', async () => {
      const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const facility = await createFacility(t.dataSource, { officeId: nerima, type: 'childrens_hall' });
      const nextDue = addWorkingDays(today, 12);
      const [plan] = await t.dataSource.query(
        `INSERT INTO watch_visit_plans (case_id, frequency, start_on, responsible_worker_id, purpose, next_due_on) VALUES ($1, 'weekly', $2, $3, '取込', $2) RETURNING id`,
        [family.id, nextDue, c1],
      );
      const [flag] = await t.dataSource.query(`INSERT INTO children_of_concern (case_id, person_id, facility_id, start_on) VALUES ($1, $2, $3, $4) RETURNING id`, [family.id, family.childId, facility, today]);
      const [round] = await t.dataSource.query(`INSERT INTO facility_rounds (office_id, facility_id, planned_on, visitor_ids) VALUES ($1, $2, $3, $4) RETURNING id`, [nerima, facility, nextDue, [c1]]);
      expect(await reminder(`watch_visit.due:${plan.id}`)).toBeUndefined();

      expect((await worker.get(WatchVisitSweepHandler).handle()).plans).toBeGreaterThanOrEqual(1);
      await worker.get(FacilityRoundSweepHandler).handle();
      const planDue = await reminder(`watch_visit.due:${plan.id}`);
      expect(planDue!.due_at.toISOString()).toBe(japanDateTime(addWorkingDays(nextDue, -1), 9).toISOString());
      expect((await reminder(`attendance_report.missing:${flag.id}:${today.slice(0, 7)}`))!.state).toBe('scheduled');
      expect((await reminder(`facility_round.due:${round.id}`))!.state).toBe('scheduled');

      // Running again changes nothing, and writes nothing: the rows already say what the plan says.
      const writtenAt = async () =>
        (await t.dataSource.query(`SELECT stage, updated_at FROM reminders WHERE key = $1 ORDER BY stage`, [`watch_visit.due:${plan.id}`])) as Array<{ stage: string; updated_at: Date }>;
      const before = await writtenAt();
      await worker.get(WatchVisitSweepHandler).handle();
      expect((await reminder(`watch_visit.due:${plan.id}`))!.version).toBe(planDue!.version);
      expect(await writtenAt()).toEqual(before);

      // A plan changed behind the API (another responsible worker) is put right on the next run.
      await t.dataSource.query(`UPDATE watch_visit_plans SET responsible_worker_id = $2 WHERE id = $1`, [plan.id, s1]);
      await worker.get(WatchVisitSweepHandler).handle();
      expect((await reminder(`watch_visit.due:${plan.id}`))!.recipients).toEqual([{ kind: 'user', userId: s1 }]);

      // The case is closed: its plan's reminders go.
      await t.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now(), closed_reason = '終結' WHERE id = $1`, [family.id]);
      await worker.get(WatchVisitSweepHandler).handle();
      expect((await reminder(`watch_visit.due:${plan.id}`))!.state).toBe('cancelled');
    });

    it('a round cancelled and a report entered while the sweep runs keep their reminders cancelled', async () => {
      const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
      const facility = await createFacility(t.dataSource, { officeId: nerima, type: 'childrens_hall' });
      const [round] = await t.dataSource.query(`INSERT INTO facility_rounds (office_id, facility_id, planned_on, visitor_ids) VALUES ($1, $2, $3, $4) RETURNING id`, [
        nerima,
        facility,
        addWorkingDays(today, 5),
        [c1],
      ]);
      const [flag] = await t.dataSource.query(`INSERT INTO children_of_concern (case_id, person_id, facility_id, start_on) VALUES ($1, $2, $3, $4) RETURNING id`, [family.id, family.childId, facility, today]);
      await worker.get(FacilityRoundSweepHandler).handle();
      const roundKey = `facility_round.due:${round.id}`;
      const reportKey = `attendance_report.missing:${flag.id}:${today.slice(0, 7)}`;
      expect((await reminder(roundKey))!.state).toBe('scheduled');
      expect((await reminder(reportKey))!.state).toBe('scheduled');

      // Another transaction, as the API's, locks the round and the flag, cancels the round, enters the month's report and
      // cancels both reminders; the sweep starts before it commits.
      const writer = t.dataSource.createQueryRunner();
      await writer.connect();
      await writer.startTransaction();
      try {
        await writer.query(`SELECT 1 FROM facility_rounds WHERE id = $1 FOR UPDATE`, [round.id]);
        await writer.query(`SELECT 1 FROM children_of_concern WHERE id = $1 FOR UPDATE`, [flag.id]);
        await writer.query(`UPDATE facility_rounds SET status = 'cancelled', cancel_reason = '施設休館' WHERE id = $1`, [round.id]);
        await writer.query(
          `INSERT INTO attendance_reports (child_of_concern_id, month, days_attended, days_absent, longest_consecutive_absence, received_on, long_absence, created_by)
           VALUES ($1, date_trunc('month', $2::date), 1, 0, 0, $2, false, $3)`,
          [flag.id, today, c1],
        );
        await writer.query(`UPDATE reminders SET state = 'cancelled', resolved_at = now(), updated_at = now() WHERE key = ANY ($1)`, [[roundKey, reportKey]]);
        const sweeping = worker.get(FacilityRoundSweepHandler).handle();
        await sleep(300);
        await writer.commitTransaction();
        await sweeping;
      } finally {
        if (writer.isTransactionActive) await writer.rollbackTransaction();
        await writer.release();
      }
      expect((await reminder(roundKey))!.state).toBe('cancelled');
      expect((await reminder(reportKey))!.state).toBe('cancelled');
    });
  });

  describe('the daily schedule', () => {
    it('outside tests, a worker installs both daily sweeps and runs them once at start-up (the demo plans get their reminders)', async () => {
      // Earlier sweeps in this file already covered the demo rows: start from none.
      await t.dataSource.query(`DELETE FROM reminders WHERE subject_id LIKE 'd6000000-%'`);
      expect(await reminder('watch_visit.due:d6000000-0000-4000-8000-000000000302', 'escalation')).toBeUndefined();
      const live = await TestWorker.start(t.config, { nodeEnv: 'development' });
      try {
        const queues = live.get(QueuesService);
        for (const job of [JobName.SweepWatchVisitReminders, JobName.SweepFacilityRoundReminders]) {
          const scheduler = await queues.queue(QueueName.RuleSweeps).getJobScheduler(`daily-${job}`);
          expect(scheduler).toMatchObject({ pattern: job === JobName.SweepWatchVisitReminders ? '0 5 * * *' : '10 5 * * *', tz: 'Asia/Tokyo' });
        }
        // The demo seed writes plans, flags and rounds without reminders; the start-up sweep gives them theirs.
        await waitFor(() => reminder('watch_visit.due:d6000000-0000-4000-8000-000000000302', 'escalation'), (r) => r !== undefined, { what: 'demo plan reminder', timeoutMs: 20_000 });
        await waitFor(() => reminder('facility_round.due:d6000000-0000-4000-8000-000000000703'), (r) => r !== undefined, { what: 'demo round reminder', timeoutMs: 20_000 });
      } finally {
        await live.close();
      }
    });
  });
});
