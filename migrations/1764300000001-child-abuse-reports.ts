import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 通告 intake and the 48-hour rule (48時間ルール): every report is linked to
 * a case; the children concerned must each be seen directly (安全確認)
 * within 48 hours of receipt. The outcome is stored for the measures.
 */
export class ChildAbuseReports1764300000001 implements MigrationInterface {
  name = 'ChildAbuseReports1764300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TYPE report_source AS ENUM (
        'neighbour', 'school', 'nursery', 'kindergarten', 'police', 'hospital', 'health_center',
        'relative', 'family', 'child', 'child_guidance_center', 'welfare_office', 'anonymous', 'other')`);
    await db.query(`CREATE TYPE report_urgency AS ENUM ('aa', 'a', 'b', 'c')`);
    await db.query(`CREATE TYPE child_abuse_report_status AS ENUM ('received', 'safety_confirmed', 'assessed')`);
    await db.query(`CREATE TYPE rule48_result AS ENUM ('met', 'missed')`);
    await db.query(`CREATE TYPE report_assessment AS ENUM ('abuse', 'suspected_abuse', 'not_abuse')`);
    await db.query(`
      CREATE TABLE child_abuse_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        received_at timestamptz NOT NULL,
        received_by uuid NOT NULL REFERENCES users (id),
        source report_source NOT NULL,
        source_detail text,
        informant_contact text,
        abuse_types abuse_type[] NOT NULL CHECK (cardinality(abuse_types) >= 1),
        urgency report_urgency NOT NULL,
        summary text NOT NULL CHECK (btrim(summary) <> ''),
        status child_abuse_report_status NOT NULL DEFAULT 'received',
        safety_due_at timestamptz NOT NULL,
        safety_confirmed_at timestamptz,
        rule48_result rule48_result,
        assessment report_assessment,
        assessment_notes text,
        assessed_by uuid REFERENCES users (id),
        assessed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT child_abuse_reports_due CHECK (safety_due_at = received_at + interval '48 hours'),
        CONSTRAINT child_abuse_reports_confirmed CHECK ((status = 'received') = (safety_confirmed_at IS NULL) AND (safety_confirmed_at IS NULL) = (rule48_result IS NULL)),
        CONSTRAINT child_abuse_reports_assessed CHECK ((status = 'assessed') = (assessed_at IS NOT NULL) AND (assessed_at IS NULL) = (assessment IS NULL))
      )`);
    await db.query(`CREATE INDEX child_abuse_reports_case_idx ON child_abuse_reports (case_id, received_at DESC, id)`);
    await db.query(`CREATE INDEX child_abuse_reports_office_idx ON child_abuse_reports (office_id, received_at DESC, id)`);
    await db.query(`CREATE INDEX child_abuse_reports_pending_idx ON child_abuse_reports (safety_due_at) WHERE status = 'received'`);

    await db.query(`CREATE TYPE safety_confirmation_method AS ENUM ('home_visit', 'office_visit', 'nursery_or_school', 'hospital', 'police', 'child_guidance_center', 'other')`);
    await db.query(`
      CREATE TABLE safety_confirmations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES child_abuse_reports (id),
        confirmed_at timestamptz NOT NULL,
        method safety_confirmation_method NOT NULL,
        seen_by_user_id uuid REFERENCES users (id),
        seen_by_name text,
        place text,
        notes text,
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT safety_confirmations_seen_by CHECK (seen_by_user_id IS NOT NULL OR seen_by_name IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX safety_confirmations_report_idx ON safety_confirmations (report_id, confirmed_at)`);
    await db.query(`CREATE TRIGGER safety_confirmations_append_only BEFORE UPDATE OR DELETE ON safety_confirmations FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only()`);

    // The children concerned, and when each was first seen directly.
    await db.query(`
      CREATE TABLE child_abuse_report_children (
        report_id uuid NOT NULL REFERENCES child_abuse_reports (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        seen_at timestamptz,
        safety_confirmation_id uuid REFERENCES safety_confirmations (id),
        PRIMARY KEY (report_id, person_id),
        CONSTRAINT child_abuse_report_children_seen CHECK ((seen_at IS NULL) = (safety_confirmation_id IS NULL))
      )`);
    await db.query(`CREATE INDEX child_abuse_report_children_person_idx ON child_abuse_report_children (person_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE child_abuse_report_children`);
    await db.query(`DROP TABLE safety_confirmations`);
    await db.query(`DROP TYPE safety_confirmation_method`);
    await db.query(`DROP TABLE child_abuse_reports`);
    await db.query(`DROP TYPE report_assessment`);
    await db.query(`DROP TYPE rule48_result`);
    await db.query(`DROP TYPE child_abuse_report_status`);
    await db.query(`DROP TYPE report_urgency`);
    await db.query(`DROP TYPE report_source`);
  }
}
