import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 巡回訪問: children of concern flagged at the facility they attend, planned
 * and recorded rounds (children observed, consultations with facility staff,
 * follow-up actions), and the facilities' monthly attendance reports.
 * A flagged child always belongs to a case, so every read of who is flagged
 * goes through the case scope.
 */
export class FacilityRounds1764500000001 implements MigrationInterface {
  name = 'FacilityRounds1764500000001';

  async up(db: QueryRunner): Promise<void> {
    // The registry is maintained by hand: the same facility twice under one office would split its rounds.
    await db.query(`CREATE UNIQUE INDEX facilities_office_type_name_key ON facilities (office_id, type, name)`);
    await db.query(`CREATE INDEX facilities_name_idx ON facilities (name COLLATE "C", id)`);

    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`
      CREATE TABLE children_of_concern (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        person_id uuid NOT NULL,
        facility_id uuid NOT NULL REFERENCES facilities (id),
        start_on date NOT NULL,
        end_on date,
        class_name text,
        reason text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT children_of_concern_member_fkey FOREIGN KEY (case_id, person_id) REFERENCES case_members (case_id, person_id),
        CONSTRAINT children_of_concern_period CHECK (end_on IS NULL OR end_on >= start_on),
        CONSTRAINT children_of_concern_no_overlap EXCLUDE USING gist (
          person_id WITH =, facility_id WITH =, daterange(start_on, end_on, '[]') WITH &&)
      )`);
    await db.query(`CREATE INDEX children_of_concern_facility_idx ON children_of_concern (facility_id, start_on)`);
    await db.query(`CREATE INDEX children_of_concern_case_idx ON children_of_concern (case_id)`);

    await db.query(`CREATE TYPE facility_round_status AS ENUM ('planned', 'done', 'cancelled')`);
    await db.query(`
      CREATE TABLE facility_rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        facility_id uuid NOT NULL REFERENCES facilities (id),
        status facility_round_status NOT NULL DEFAULT 'planned',
        planned_on date NOT NULL,
        visitor_ids uuid[] NOT NULL,
        purpose text,
        visited_at timestamptz,
        visited_on date,
        summary text,
        next_round_on date,
        next_round_id uuid REFERENCES facility_rounds (id),
        previous_round_id uuid REFERENCES facility_rounds (id),
        recorded_by uuid REFERENCES users (id),
        recorded_at timestamptz,
        cancelled_by uuid REFERENCES users (id),
        cancelled_at timestamptz,
        cancel_reason text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT facility_rounds_has_visitor CHECK (cardinality(visitor_ids) >= 1),
        CONSTRAINT facility_rounds_done_has_visit CHECK ((status = 'done') = (visited_at IS NOT NULL AND visited_on IS NOT NULL)),
        CONSTRAINT facility_rounds_cancelled_has_reason CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
        CONSTRAINT facility_rounds_next_after_visit CHECK (next_round_on IS NULL OR next_round_on > visited_on)
      )`);
    await db.query(`CREATE INDEX facility_rounds_planned_idx ON facility_rounds (office_id, planned_on, id) WHERE status = 'planned'`);
    // Measures: distinct facilities reached per fiscal year and office.
    await db.query(`CREATE INDEX facility_rounds_reach_idx ON facility_rounds (office_id, visited_on, facility_id) WHERE status = 'done'`);
    await db.query(`CREATE INDEX facility_rounds_facility_idx ON facility_rounds (facility_id, planned_on DESC)`);
    await db.query(`CREATE INDEX facility_rounds_list_idx ON facility_rounds (office_id, planned_on DESC, id DESC)`);

    await db.query(`CREATE TYPE round_attendance AS ENUM ('present', 'absent', 'late', 'left_early')`);
    await db.query(`
      CREATE TABLE facility_round_observations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES facility_rounds (id),
        child_of_concern_id uuid NOT NULL REFERENCES children_of_concern (id),
        attendance round_attendance NOT NULL,
        appearance text,
        concerns text,
        CONSTRAINT facility_round_observations_once UNIQUE (round_id, child_of_concern_id)
      )`);
    await db.query(`CREATE INDEX facility_round_observations_child_idx ON facility_round_observations (child_of_concern_id)`);
    await db.query(`
      CREATE TABLE facility_round_consultations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES facility_rounds (id),
        position integer NOT NULL,
        facility_staff_role text,
        topic text NOT NULL,
        advice text,
        child_of_concern_id uuid REFERENCES children_of_concern (id),
        CONSTRAINT facility_round_consultations_position UNIQUE (round_id, position)
      )`);
    await db.query(`
      CREATE TABLE facility_round_follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES facility_rounds (id),
        position integer NOT NULL,
        action text NOT NULL,
        due_on date,
        child_of_concern_id uuid REFERENCES children_of_concern (id),
        CONSTRAINT facility_round_follow_ups_position UNIQUE (round_id, position)
      )`);

    await db.query(`
      CREATE TABLE attendance_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_of_concern_id uuid NOT NULL REFERENCES children_of_concern (id),
        month date NOT NULL,
        days_attended integer NOT NULL,
        days_absent integer NOT NULL,
        absences_explained boolean,
        longest_consecutive_absence integer NOT NULL,
        received_on date NOT NULL,
        notes text,
        long_absence boolean NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attendance_reports_once_a_month UNIQUE (child_of_concern_id, month),
        CONSTRAINT attendance_reports_first_of_month CHECK (extract(day FROM month) = 1),
        CONSTRAINT attendance_reports_days CHECK (days_attended >= 0 AND days_absent >= 0 AND days_attended + days_absent <= 31),
        CONSTRAINT attendance_reports_longest CHECK (longest_consecutive_absence BETWEEN 0 AND days_absent),
        CONSTRAINT attendance_reports_explained CHECK ((days_absent = 0) = (absences_explained IS NULL))
      )`);
    await db.query(`CREATE INDEX attendance_reports_month_idx ON attendance_reports (month, child_of_concern_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE attendance_reports`);
    await db.query(`DROP TABLE facility_round_follow_ups`);
    await db.query(`DROP TABLE facility_round_consultations`);
    await db.query(`DROP TABLE facility_round_observations`);
    await db.query(`DROP TYPE round_attendance`);
    await db.query(`DROP TABLE facility_rounds`);
    await db.query(`DROP TYPE facility_round_status`);
    await db.query(`DROP TABLE children_of_concern`);
    await db.query(`DROP INDEX facilities_name_idx`);
    await db.query(`DROP INDEX facilities_office_type_name_key`);
  }
}
