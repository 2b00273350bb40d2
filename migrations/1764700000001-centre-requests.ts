import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound requests from the metropolitan child guidance centre: 事案送致
 * (第26条第1項第3号) and 指導措置委託 (第26条第1項第2号 / 第27条第1項第2号),
 * the children they name, their state history, and for 指導措置委託 the
 * periodic progress reports (経過報告) reviewed by a supervisor before they
 * go back to the centre.
 */
export class CentreRequests1764700000001 implements MigrationInterface {
  name = 'CentreRequests1764700000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE centre_request_kind AS ENUM ('case_transfer', 'entrusted_guidance')`);
    await db.query(`CREATE TYPE centre_request_state AS ENUM ('received', 'assigned', 'in_progress', 'lifted', 'closed')`);
    await db.query(`
      CREATE TABLE centre_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind centre_request_kind NOT NULL,
        state centre_request_state NOT NULL DEFAULT 'received',
        centre_name text NOT NULL,
        centre_case_number text NOT NULL,
        centre_contact text,
        received_on date NOT NULL,
        measure_start_on date,
        reason text NOT NULL,
        conditions text,
        reporting_interval_months integer,
        office_id uuid NOT NULL REFERENCES offices (id),
        recorded_by uuid NOT NULL REFERENCES users (id),
        lead_worker_id uuid REFERENCES users (id),
        case_id uuid REFERENCES cases (id),
        assigned_at timestamptz,
        started_at timestamptz,
        next_report_due_on date,
        lifted_notice_on date,
        ended_at timestamptz,
        end_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT centre_requests_interval_for_guidance CHECK (
          (kind = 'entrusted_guidance' AND reporting_interval_months BETWEEN 1 AND 12)
          OR (kind = 'case_transfer' AND reporting_interval_months IS NULL)),
        CONSTRAINT centre_requests_assigned_has_worker CHECK (state = 'received' OR (lead_worker_id IS NOT NULL AND case_id IS NOT NULL AND assigned_at IS NOT NULL)),
        CONSTRAINT centre_requests_lifted_is_guidance CHECK (state <> 'lifted' OR (kind = 'entrusted_guidance' AND lifted_notice_on IS NOT NULL)),
        CONSTRAINT centre_requests_ended_has_time CHECK (state NOT IN ('lifted', 'closed') OR ended_at IS NOT NULL)
      )`);
    // One open record per centre case and kind; a later measure on the same centre case is a new record.
    await db.query(`CREATE UNIQUE INDEX centre_requests_open_centre_number_key ON centre_requests (kind, centre_case_number) WHERE state NOT IN ('lifted', 'closed')`);
    await db.query(`CREATE INDEX centre_requests_office_idx ON centre_requests (office_id, received_on DESC, id DESC)`);
    await db.query(`CREATE INDEX centre_requests_received_idx ON centre_requests (received_on DESC, id DESC)`);
    await db.query(`CREATE INDEX centre_requests_case_idx ON centre_requests (case_id) WHERE case_id IS NOT NULL`);
    await db.query(`CREATE INDEX centre_requests_lead_worker_idx ON centre_requests (lead_worker_id) WHERE state IN ('assigned', 'in_progress')`);

    await db.query(`
      CREATE TABLE centre_request_children (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES centre_requests (id) ON DELETE CASCADE,
        position integer NOT NULL,
        name_kanji text NOT NULL,
        name_kana text NOT NULL,
        birth_date date,
        sex sex NOT NULL DEFAULT 'unknown',
        person_id uuid REFERENCES persons (id),
        CONSTRAINT centre_request_children_position_key UNIQUE (request_id, position)
      )`);

    await db.query(`CREATE TYPE progress_report_state AS ENUM ('draft', 'submitted', 'returned', 'approved', 'sent')`);
    await db.query(`
      CREATE TABLE guidance_progress_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES centre_requests (id),
        sequence integer NOT NULL,
        due_on date NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        state progress_report_state NOT NULL DEFAULT 'draft',
        child_status text,
        family_status text,
        support_provided text,
        assessment text,
        plan text,
        author_id uuid NOT NULL REFERENCES users (id),
        submitted_at timestamptz,
        reviewed_by uuid REFERENCES users (id),
        reviewed_at timestamptz,
        review_comment text,
        sent_on date,
        sent_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT guidance_progress_reports_sequence_key UNIQUE (request_id, sequence),
        CONSTRAINT guidance_progress_reports_period CHECK (period_from <= period_to),
        CONSTRAINT guidance_progress_reports_reviewed CHECK (state NOT IN ('approved', 'sent') OR (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL)),
        CONSTRAINT guidance_progress_reports_not_self_reviewed CHECK (reviewed_by IS NULL OR reviewed_by <> author_id),
        CONSTRAINT guidance_progress_reports_sent CHECK (state <> 'sent' OR sent_on IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX guidance_progress_reports_review_idx ON guidance_progress_reports (submitted_at, id) WHERE state = 'submitted'`);

    await db.query(`
      CREATE TABLE centre_request_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES centre_requests (id),
        progress_report_id uuid REFERENCES guidance_progress_reports (id),
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_id uuid NOT NULL REFERENCES users (id),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        comment text
      )`);
    await db.query(`CREATE INDEX centre_request_events_request_idx ON centre_request_events (request_id, occurred_at, id)`);

    // Measures: inbound requests by kind, open (assigned or in progress) or ended, per fiscal year of receipt.
    await db.query(`
      CREATE VIEW centre_request_measure_facts AS
      SELECT q.id,
             q.kind,
             q.state,
             q.office_id,
             q.received_on,
             (extract(year FROM q.received_on - interval '3 months'))::int AS fiscal_year,
             q.state IN ('received', 'assigned', 'in_progress') AS open,
             q.lifted_notice_on,
             (q.ended_at AT TIME ZONE 'Asia/Tokyo')::date AS ended_on
        FROM centre_requests q`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW centre_request_measure_facts`);
    await db.query(`DROP TABLE centre_request_events`);
    await db.query(`DROP TABLE guidance_progress_reports`);
    await db.query(`DROP TYPE progress_report_state`);
    await db.query(`DROP TABLE centre_request_children`);
    await db.query(`DROP TABLE centre_requests`);
    await db.query(`DROP TYPE centre_request_state`);
    await db.query(`DROP TYPE centre_request_kind`);
  }
}
