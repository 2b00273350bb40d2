import { DataSource } from 'typeorm';
import { Scale } from './scales';

/**
 * The programme records the fiscal-year measures count, set-based like the
 * other generators and spread over the last three fiscal years:
 * - 妊娠届 (one per 40 persons: ~25k at the 1m scale) at the six 保健相談所,
 *   nine in ten interviewed within 0–29 days (with their 妊婦面談 row);
 * - 通告 (one per 3 cases) with the 48-hour outcome, nine in ten met;
 * - facilities (60 per 子ども家庭支援センター, more at larger scales) and
 *   巡回訪問 (one per 2 cases), done except one in eight still planned.
 * Short stays are not generated: their bed ledger and triggers make them
 * a generator of their own; the measure reads the (small) empty tables.
 */
export async function generateProgrammes(db: DataSource, scale: Scale, log: (message: string) => void): Promise<void> {
  const notifications = Math.max(100, Math.floor(scale.persons / 40));
  await db.query(
    `WITH hc AS (SELECT row_number() OVER (ORDER BY code) - 1 AS idx, id FROM offices WHERE type = 'health_center'),
          staff AS (SELECT coalesce((SELECT u.id FROM users u JOIN offices o ON o.id = u.office_id WHERE o.type = 'health_center' LIMIT 1), (SELECT id FROM users LIMIT 1)) AS user_id),
          src AS (
            SELECT g, gen_random_uuid() AS id, (SELECT id FROM hc WHERE idx = g % 6) AS office_id, bp.person_id AS mother_id,
                   current_date - (g::bigint * 7919 % 1095)::int AS filed_on, g % 10 <> 0 AS interviewed
              FROM generate_series(1, $1) g JOIN bench_persons bp ON bp.seq = g
          ),
          ins AS (
            INSERT INTO pregnancy_notifications (id, office_id, mother_id, filed_on, weeks_at_filing, due_date, birth_order, status, first_interviewed_on)
            SELECT id, office_id, mother_id, filed_on, 10, filed_on + 210, (CASE WHEN g % 2 = 0 THEN 'first' ELSE 'subsequent' END)::pregnancy_birth_order,
                   (CASE WHEN interviewed THEN 'interviewed' ELSE 'filed' END)::pregnancy_notification_status,
                   CASE WHEN interviewed THEN filed_on + g % 30 END
              FROM src
          )
     INSERT INTO pregnancy_interviews (notification_id, office_id, consultant_id, interviewed_on, place, weeks_at_interview, partner_situation,
                                       past_illness, mental_illness_history, insomnia, low_mood, loss_of_interest, strong_anxiety, smoking, drinking,
                                       public_assistance, insurance_type, economic_worry, housing_type, planning_to_move, domestic_violence,
                                       prior_child_protection, no_prenatal_checkups, pregnancy_feeling, support_plan, screened_need, support_need)
     SELECT src.id, src.office_id, staff.user_id, src.filed_on + g % 30, 'counter', 11, 'married', false, false, false, false, false, false, 'never', 'never',
            false, 'employee', false, 'rented', false, false, false, false, 'happy', '通常の母子保健サービスを案内', 'none', 'none'
       FROM src, staff WHERE src.interviewed`,
    [notifications],
  );
  log(`pregnancy notifications: ${notifications} (9 in 10 interviewed)`);

  const reports = Math.max(100, Math.floor(scale.cases / 3));
  await db.query(
    `WITH src AS (
       SELECT g, bc.case_id, c.office_id, coalesce(c.lead_worker_id, (SELECT id FROM users LIMIT 1)) AS received_by,
              now() - make_interval(mins => ((g::bigint * 7919) % (1095 * 24 * 60))::int) AS received_at
         FROM generate_series(1, $1) g JOIN bench_cases bc ON bc.seq = g JOIN cases c ON c.id = bc.case_id
     )
     INSERT INTO child_abuse_reports (office_id, case_id, received_at, received_by, source, abuse_types, urgency, summary, status, safety_due_at, safety_confirmed_at, rule48_result)
     SELECT office_id, case_id, received_at, received_by, 'school', '{psychological}', 'b', '面前DVの疑い', 'safety_confirmed', received_at + interval '48 hours',
            received_at + CASE WHEN g % 10 = 0 THEN interval '60 hours' ELSE interval '20 hours' END,
            (CASE WHEN g % 10 = 0 THEN 'missed' ELSE 'met' END)::rule48_result
       FROM src`,
    [reports],
  );
  log(`child abuse reports: ${reports} (9 in 10 met the 48-hour rule)`);

  const perOffice = Math.max(60, Math.floor(scale.cases / 1000));
  await db.query(
    `INSERT INTO facilities (type, name, office_id)
     SELECT (ARRAY['nursery', 'kindergarten', 'elementary_school', 'after_school_club'])[1 + n % 4]::facility_type, 'ベンチ施設 ' || b.idx || '-' || n, b.office_id
       FROM bench_offices b CROSS JOIN generate_series(1, $1) n
     ON CONFLICT DO NOTHING`,
    [perOffice],
  );
  const rounds = Math.max(100, Math.floor(scale.cases / 2));
  await db.query(
    `WITH fac AS (SELECT row_number() OVER (PARTITION BY office_id ORDER BY id) AS n, id, office_id FROM facilities WHERE name LIKE 'ベンチ施設 %'),
          src AS (
            SELECT g, b.office_id, (SELECT st.user_id FROM bench_staff st WHERE st.office_idx = b.idx AND st.n = g % 5) AS visitor,
                   current_date - (g::bigint * 104729 % 1095)::int AS day, 1 + (g / 5) % $2 AS fac_n
              FROM generate_series(1, $1) g JOIN bench_offices b ON b.idx = g % 5
          )
     INSERT INTO facility_rounds (office_id, facility_id, status, planned_on, visitor_ids, visited_at, visited_on)
     SELECT s.office_id, f.id, (CASE WHEN g % 8 = 0 THEN 'planned' ELSE 'done' END)::facility_round_status, s.day, ARRAY[s.visitor],
            CASE WHEN g % 8 <> 0 THEN (s.day + time '10:00') AT TIME ZONE 'Asia/Tokyo' END, CASE WHEN g % 8 <> 0 THEN s.day END
       FROM src s JOIN fac f ON f.office_id = s.office_id AND f.n = s.fac_n`,
    [rounds, perOffice],
  );
  log(`facilities: ${perOffice} per centre; facility rounds: ${rounds}`);
}
