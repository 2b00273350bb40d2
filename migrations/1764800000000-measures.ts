import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fiscal-year measures (issue 9): the targets of the plan as data, and the
 * indexes the measure queries' range predicates need at the ward-wide scale
 * (the per-office indexes of the feature tables already lead with office_id).
 */
export class Measures1764800000000 implements MigrationInterface {
  name = 'Measures1764800000000';

  async up(db: QueryRunner): Promise<void> {
    // One target per fiscal year, measure and office; office_id NULL is the ward-wide target.
    // A target is a number (compared with the actual) or only the plan's words (実施, 拡大...), or both.
    await db.query(`
      CREATE TABLE measure_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        measure_code text NOT NULL CHECK (measure_code ~ '^[a-z0-9_.]+$'),
        office_id uuid REFERENCES offices (id),
        target_value numeric(12, 2),
        target_text text CHECK (target_text IS NULL OR btrim(target_text) <> ''),
        note text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        updated_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT measure_targets_has_target CHECK (target_value IS NOT NULL OR target_text IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX measure_targets_key ON measure_targets (fiscal_year, measure_code, office_id) NULLS NOT DISTINCT`);

    // 通告 received in a fiscal year, ward-wide (the office index serves one office).
    await db.query(`CREATE INDEX child_abuse_reports_received_idx ON child_abuse_reports (received_at) INCLUDE (office_id, rule48_result, safety_due_at)`);
    // Watch visits: the due dates that fell in the year (planned), and the late visits that reconstruct "overdue at year end".
    await db.query(`CREATE INDEX watch_visits_due_on_idx ON watch_visits (due_on) INCLUDE (plan_id, case_id, outcome) WHERE due_on IS NOT NULL`);
    await db.query(`CREATE INDEX watch_visits_late_idx ON watch_visits (visited_on, due_on) INCLUDE (plan_id, case_id) WHERE visited_on > due_on`);
    // Facility rounds done in the year, ward-wide.
    await db.query(`CREATE INDEX facility_rounds_done_on_idx ON facility_rounds (visited_on) INCLUDE (office_id, facility_id) WHERE status = 'done'`);
    // Referrals belong to the year they were first submitted (else drafted): the same expression as referral_measure_facts.
    await db.query(`CREATE INDEX referrals_measure_year_idx ON referrals ((coalesce(first_submitted_at, created_at)))`);
    // 産後ケア sessions used in the year.
    await db.query(`CREATE INDEX postpartum_care_sessions_used_on_idx ON postpartum_care_sessions (used_on) INCLUDE (application_id)`);
    // 妊娠届 confirmed as 特定妊婦 in the year.
    await db.query(`CREATE INDEX pregnancy_notifications_specified_idx ON pregnancy_notifications (specified_decided_at) INCLUDE (office_id) WHERE specified_status = 'confirmed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX pregnancy_notifications_specified_idx`);
    await db.query(`DROP INDEX postpartum_care_sessions_used_on_idx`);
    await db.query(`DROP INDEX referrals_measure_year_idx`);
    await db.query(`DROP INDEX facility_rounds_done_on_idx`);
    await db.query(`DROP INDEX watch_visits_late_idx`);
    await db.query(`DROP INDEX watch_visits_due_on_idx`);
    await db.query(`DROP INDEX child_abuse_reports_received_idx`);
    await db.query(`DROP TABLE measure_targets`);
  }
}
