import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joint case conferences (個別ケース検討会議, 進行管理会議, 緊急受理会議):
 * the cases discussed with a decision per case, the attendees (ward users,
 * and external attendees by organisation such as the centre's staff), and
 * follow-up actions with an owner and a due date.
 */
export class CaseConferences1764700000002 implements MigrationInterface {
  name = 'CaseConferences1764700000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE case_conference_type AS ENUM ('individual_case', 'progress_management', 'emergency_intake')`);
    await db.query(`
      CREATE TABLE case_conferences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        type case_conference_type NOT NULL,
        held_on date NOT NULL,
        start_time text CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        location text,
        summary text,
        created_by uuid NOT NULL REFERENCES users (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX case_conferences_office_idx ON case_conferences (office_id, held_on DESC, id DESC)`);

    await db.query(`
      CREATE TABLE case_conference_cases (
        conference_id uuid NOT NULL REFERENCES case_conferences (id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases (id),
        position integer NOT NULL,
        decision text,
        PRIMARY KEY (conference_id, case_id)
      )`);
    await db.query(`CREATE INDEX case_conference_cases_case_idx ON case_conference_cases (case_id)`);

    await db.query(`
      CREATE TYPE attendee_organisation_kind AS ENUM (
        'ward_office', 'child_guidance_centre', 'welfare_office', 'police', 'school', 'nursery', 'medical', 'other')`);
    await db.query(`
      CREATE TABLE case_conference_attendees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES case_conferences (id) ON DELETE CASCADE,
        position integer NOT NULL,
        user_id uuid REFERENCES users (id),
        name text NOT NULL,
        organisation text NOT NULL,
        organisation_kind attendee_organisation_kind NOT NULL,
        title text,
        CONSTRAINT case_conference_attendees_ward_user CHECK ((user_id IS NOT NULL) = (organisation_kind = 'ward_office'))
      )`);
    await db.query(`CREATE INDEX case_conference_attendees_conference_idx ON case_conference_attendees (conference_id, position)`);
    // Measures count conferences the centre's staff attended.
    await db.query(`CREATE INDEX case_conference_attendees_centre_idx ON case_conference_attendees (conference_id) WHERE organisation_kind = 'child_guidance_centre'`);

    await db.query(`CREATE TYPE conference_action_status AS ENUM ('open', 'done', 'cancelled')`);
    await db.query(`
      CREATE TABLE case_conference_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES case_conferences (id),
        case_id uuid REFERENCES cases (id),
        description text NOT NULL,
        owner_id uuid NOT NULL REFERENCES users (id),
        due_on date NOT NULL,
        status conference_action_status NOT NULL DEFAULT 'open',
        completed_at timestamptz,
        completed_by uuid REFERENCES users (id),
        completion_note text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_conference_actions_completed CHECK (status = 'open' OR (completed_at IS NOT NULL AND completed_by IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX case_conference_actions_conference_idx ON case_conference_actions (conference_id, due_on, id)`);
    await db.query(`CREATE INDEX case_conference_actions_owner_idx ON case_conference_actions (owner_id, due_on, id) WHERE status = 'open'`);

    await db.query(`
      CREATE VIEW case_conference_measure_facts AS
      SELECT f.id,
             f.office_id,
             f.type,
             f.held_on,
             (extract(year FROM f.held_on - interval '3 months'))::int AS fiscal_year,
             EXISTS (SELECT 1 FROM case_conference_attendees a WHERE a.conference_id = f.id AND a.organisation_kind = 'child_guidance_centre') AS centre_attended,
             (SELECT count(*) FROM case_conference_cases cc WHERE cc.conference_id = f.id)::int AS cases_discussed
        FROM case_conferences f`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW case_conference_measure_facts`);
    await db.query(`DROP TABLE case_conference_actions`);
    await db.query(`DROP TYPE conference_action_status`);
    await db.query(`DROP TABLE case_conference_attendees`);
    await db.query(`DROP TYPE attendee_organisation_kind`);
    await db.query(`DROP TABLE case_conference_cases`);
    await db.query(`DROP TABLE case_conferences`);
    await db.query(`DROP TYPE case_conference_type`);
  }
}
