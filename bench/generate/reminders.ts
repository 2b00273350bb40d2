import { DataSource } from 'typeorm';
import { Scale } from './scales';

/** Rules of the feature modules, with the short titles they schedule (no names). */
const RULES: Array<[string, string]> = [
  ['case.progress_review', '進行管理の期日です'],
  ['watch_visit.due', '見守り訪問の予定日です'],
  ['short_stay.return_check', 'ショートステイ後の確認期日です'],
  ['referral.answer_follow_up', '送致回答の確認期日です'],
  ['pregnancy.contact_follow_up', '妊婦への再連絡の期日です'],
];

/**
 * Reminders in the shape RemindersService writes, each about a generated
 * case and addressed to its lead worker: most delivered in the past (and
 * mostly resolved), some cancelled, a few still open and overdue, and one in
 * twenty scheduled 1–60 days ahead — never due soon, so a worker started on
 * this database does not face a delivery storm. Delivered ones have their
 * inbox entry (read when resolved).
 */
export async function generateReminders(db: DataSource, scale: Scale, log: (message: string) => void): Promise<void> {
  const rules = `ARRAY[${RULES.map(([r]) => `'${r}'`).join(',')}]`;
  const titles = `ARRAY[${RULES.map(([, t]) => `'${t}'`).join(',')}]`;
  const chunk = 200_000;
  for (let from = 1; from <= scale.reminders; from += chunk) {
    const to = Math.min(scale.reminders, from + chunk - 1);
    await db.query(
      `WITH src AS (
         SELECT r, 1 + (r - 1) % ${RULES.length} AS rule_idx, bc.case_id, c.office_id, c.lead_worker_id,
                CASE WHEN r % 20 = 0 THEN now() + make_interval(days => 1 + r % 60, mins => r % 600)
                     ELSE now() - make_interval(days => 1 + r % 1000, mins => r % 600) END AS due_at,
                CASE WHEN r % 20 = 0 THEN 'scheduled' WHEN r % 10 = 3 THEN 'cancelled' ELSE 'delivered' END AS state
           FROM generate_series($1::int, $2::int) r
           JOIN bench_cases bc ON bc.seq = 1 + (r - 1) % $3
           JOIN cases c ON c.id = bc.case_id
       )
       INSERT INTO reminders (key, stage, rule, subject_type, subject_id, office_id, title, due_at, recipients, state, delivered_at, resolved_at, created_at, updated_at)
       SELECT (${rules})[rule_idx] || ':bench-' || r, 'due', (${rules})[rule_idx], 'case', case_id::text, office_id, (${titles})[rule_idx], due_at,
              jsonb_build_array(jsonb_build_object('kind', 'user', 'userId', lead_worker_id)),
              state::reminder_state,
              CASE WHEN state = 'delivered' THEN due_at + interval '1 minute' END,
              -- Delivered ones are mostly resolved; one in ten stays open (overdue in the due lists).
              CASE WHEN state = 'cancelled' OR (state = 'delivered' AND r % 10 <> 7) THEN due_at + interval '3 days' END,
              due_at - interval '30 days', due_at
         FROM src`,
      [from, to, scale.cases],
    );
  }
  log(`reminders: ${scale.reminders}`);
  await db.query(
    `INSERT INTO notifications (user_id, reminder_id, reminder_version, rule, subject_type, subject_id, title, urgent, due_at, created_at, read_at)
     SELECT (r.recipients -> 0 ->> 'userId')::uuid, r.id, r.version, r.rule, r.subject_type, r.subject_id, r.title, r.urgent, r.due_at, r.delivered_at,
            CASE WHEN r.resolved_at IS NOT NULL THEN r.delivered_at + interval '1 hour' END
       FROM reminders r WHERE r.state = 'delivered' AND r.key LIKE '%:bench-%'`,
  );
  log('notifications: one per delivered reminder');
}
