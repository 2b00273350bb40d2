import { DataSource } from 'typeorm';
import { planDueTimes } from '../../src/modules/watch-visits/watch-visit-reminders';
import { Scale } from './scales';

/**
 * 見守り訪問 at scale: one plan per generated case (active for open cases,
 * ended for closed ones), about `scale.visits / scale.cases` visits per case
 * at the plan's interval, one row per child per visit, and the due reminder
 * and escalation of every active plan in the shape the module schedules them.
 * About one active plan in ten is overdue, so the overdue lists have work.
 * Visits of open cases end recently; those of closed cases end at the close.
 */
export async function generateVisits(db: DataSource, scale: Scale, log: (message: string) => void): Promise<void> {
  const perCase = Math.max(1, Math.round(scale.visits / scale.cases));
  await db.query(`CREATE TABLE IF NOT EXISTS bench_plans (seq int PRIMARY KEY, plan_id uuid NOT NULL, interval_days int NOT NULL, last_visit_on date NOT NULL, active boolean NOT NULL)`);
  await db.query(`TRUNCATE bench_plans`);
  await db.query(
    `WITH src AS (
       SELECT bc.seq, gen_random_uuid() AS plan_id, c.id AS case_id, c.status, c.lead_worker_id, c.opened_on, c.closed_at,
              -- Open cases have odd numbers: spread on seq / 2, or the remainders below would never be small.
              (ARRAY['weekly', 'biweekly', 'monthly'])[1 + (bc.seq / 2) % 3] AS frequency,
              (ARRAY[7, 14, 30])[1 + (bc.seq / 2) % 3] AS interval_days
         FROM bench_cases bc JOIN cases c ON c.id = bc.case_id
     ), dated AS (
       SELECT src.*,
              CASE WHEN status = 'closed' THEN NULL
                   -- Due from 10% of the interval ago to 90% ahead: about one in ten is overdue.
                   ELSE current_date + ((seq / 2) % interval_days) - greatest(1, interval_days / 10) END AS next_due_on,
              -- The core generator closes some cases in the future; their visits stop today all the same.
              CASE WHEN status = 'closed' THEN least((closed_at AT TIME ZONE 'Asia/Tokyo')::date, current_date) - 7 END AS closed_last,
              (closed_at AT TIME ZONE 'Asia/Tokyo')::date AS closed_on
         FROM src
     ), ins AS (
       INSERT INTO watch_visit_plans (id, case_id, frequency, start_on, responsible_worker_id, purpose, status, next_due_on, last_visit_on, ended_on, end_reason, created_by, created_at)
       SELECT plan_id, case_id, frequency::watch_visit_frequency,
              coalesce(next_due_on - interval_days, closed_last) - interval_days * ${perCase},
              lead_worker_id, '家庭状況と児童の様子の確認',
              (CASE WHEN status = 'closed' THEN 'ended' ELSE 'active' END)::watch_visit_plan_status,
              next_due_on, coalesce(next_due_on - interval_days, closed_last),
              closed_on, CASE WHEN status = 'closed' THEN '支援終了' END, lead_worker_id, opened_on
         FROM dated
     )
     INSERT INTO bench_plans SELECT seq, plan_id, interval_days, coalesce(next_due_on - interval_days, closed_last), status <> 'closed' FROM dated`,
  );
  log(`watch visit plans: ${scale.cases}`);

  // Visit j of a plan lies (perCase - j) intervals before its last visit; one in ten is "no one home".
  const chunk = Math.max(1, Math.floor(1_000_000 / perCase));
  for (let from = 1; from <= scale.cases; from += chunk) {
    const to = Math.min(scale.cases, from + chunk - 1);
    await db.query(
      `WITH src AS (
         SELECT bp.seq, bp.plan_id, bc.case_id, c.lead_worker_id, j, gen_random_uuid() AS visit_id,
                bp.last_visit_on - bp.interval_days * (${perCase} - j) AS visited_on,
                (bp.seq + j) % 10 = 0 AS missed
           FROM bench_plans bp JOIN bench_cases bc ON bc.seq = bp.seq JOIN cases c ON c.id = bc.case_id
           CROSS JOIN generate_series(1, ${perCase}) j
          WHERE bp.seq BETWEEN $1 AND $2
       ), visits AS (
         INSERT INTO watch_visits (id, case_id, plan_id, visited_at, visited_on, due_on, visitor_ids, outcome, not_done_reason, risk_change, home_environment, guardian_state, created_by, created_at)
         SELECT visit_id, case_id, plan_id,
                (visited_on::timestamp + interval '1 hour' + make_interval(mins => (seq * 7 + j * 13) % 480)) AT TIME ZONE 'UTC',
                visited_on, visited_on, ARRAY[lead_worker_id],
                (CASE WHEN missed THEN 'not_done' ELSE 'done' END)::watch_visit_outcome,
                (CASE WHEN missed THEN 'no_one_home' END)::watch_visit_not_done_reason,
                (CASE WHEN missed THEN NULL WHEN (seq + j) % 17 = 0 THEN 'higher' WHEN (seq + j) % 5 = 0 THEN 'lower' ELSE 'same' END)::risk_change,
                CASE WHEN NOT missed THEN '室内は整頓されている' END, CASE WHEN NOT missed THEN '落ち着いて対応' END,
                lead_worker_id, visited_on::timestamp AT TIME ZONE 'UTC'
           FROM src
       )
       INSERT INTO watch_visit_children (visit_id, person_id, seen, condition)
       SELECT s.visit_id, m.person_id, NOT s.missed, (CASE WHEN NOT s.missed THEN 'good' END)::child_condition
         FROM src s JOIN case_members m ON m.case_id = s.case_id JOIN persons p ON p.id = m.person_id AND p.kind = 'child'`,
      [from, to],
    );
    log(`watch visits: plans ${to}/${scale.cases} (${perCase} visits each, one row per child)`);
  }

  // The due reminder and the escalation of each active plan, keyed and timed as WatchVisitReminders schedules them
  // (working days: the times are the module's own, per due date, so the worker's daily sweep finds them in place
  // instead of rewriting most of them on its first run); those already past count as delivered.
  const dueDates = (await db.query<Array<{ due_on: string }>>(`SELECT DISTINCT next_due_on::text AS due_on FROM watch_visit_plans WHERE status = 'active'`)).map((r) => r.due_on);
  const times = dueDates.map((on) => planDueTimes(on));
  const timed = `unnest($1::date[], $2::timestamptz[], $3::timestamptz[]) AS t (due_on, due_at, escalation_at)`;
  const timeParams = [dueDates, times.map((t) => t.dueAt), times.map((t) => t.escalationAt)];
  for (const stage of ['due', 'escalation'] as const) {
    const at = stage === 'due' ? 't.due_at' : 't.escalation_at';
    await db.query(
      `INSERT INTO reminders (key, stage, parent_id, rule, subject_type, subject_id, office_id, title, due_at, urgent, recipients, state, delivered_at)
       SELECT 'watch_visit.due:' || p.id, '${stage}', ${stage === 'due' ? 'NULL' : `(SELECT d.id FROM reminders d WHERE d.key = 'watch_visit.due:' || p.id AND d.stage = 'due')`},
              'watch_visit.due', 'watch_visit_plan', p.id::text, c.office_id,
              ${stage === 'due' ? `'見守り訪問の予定日が近づいています'` : `'見守り訪問が予定日から3開庁日以上遅れています'`},
              ${at}, ${stage === 'escalation'},
              ${stage === 'due' ? `jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', p.responsible_worker_id))` : `jsonb_build_array(jsonb_build_object('kind', 'office_role', 'officeId', c.office_id, 'role', 'supervisor'))`},
              (CASE WHEN ${at} < now() THEN 'delivered' ELSE 'scheduled' END)::reminder_state,
              CASE WHEN ${at} < now() THEN ${at} END
         FROM watch_visit_plans p JOIN cases c ON c.id = p.case_id JOIN ${timed} ON t.due_on = p.next_due_on
        WHERE p.status = 'active'`,
      timeParams,
    );
  }
  log('watch visit reminders: due and escalation of every active plan');
}
