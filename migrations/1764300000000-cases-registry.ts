import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case registry on top of the case core: person links (same individual),
 * the append-only case history, transfers between offices, the 経過記録
 * notes, and 進行管理 (progress reviews with their interval per support level).
 */
export class CasesRegistry1764300000000 implements MigrationInterface {
  name = 'CasesRegistry1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // Persons: a global kana order (supervisors also see shared cases' members) and the lookups duplicate detection makes.
    await db.query(`CREATE INDEX persons_kana_c_idx ON persons (name_kana_normalized COLLATE "C", id)`);
    await db.query(`CREATE INDEX persons_kanji_c_idx ON persons (name_kanji_normalized COLLATE "C", id)`);
    await db.query(`CREATE INDEX persons_birth_date_idx ON persons (birth_date)`);
    await db.query(`CREATE INDEX cases_case_number_idx ON cases (case_number)`);
    await db.query(`CREATE INDEX cases_office_opened_idx ON cases (office_id, opened_on DESC, id DESC)`);
    await db.query(`CREATE INDEX cases_label_trgm_idx ON cases USING gin (label gin_trgm_ops)`);

    // Append-only tables share one refusing trigger function.
    await db.query(`
      CREATE FUNCTION refuse_change_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);

    // Two person records a supervisor confirmed to be the same individual (e.g. registered by two offices).
    await db.query(`
      CREATE TABLE person_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES persons (id),
        linked_person_id uuid NOT NULL REFERENCES persons (id),
        reason text NOT NULL,
        linked_by uuid NOT NULL REFERENCES users (id),
        linked_at timestamptz NOT NULL DEFAULT now(),
        unlinked_by uuid REFERENCES users (id),
        unlinked_at timestamptz,
        unlink_reason text,
        CONSTRAINT person_links_ordered CHECK (person_id < linked_person_id),
        CONSTRAINT person_links_unlink_complete CHECK ((unlinked_at IS NULL) = (unlinked_by IS NULL) AND (unlinked_at IS NULL) = (unlink_reason IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX person_links_active_key ON person_links (person_id, linked_person_id) WHERE unlinked_at IS NULL`);
    await db.query(`CREATE INDEX person_links_linked_idx ON person_links (linked_person_id)`);

    await db.query(`ALTER TABLE cases ADD COLUMN next_review_on date`);
    await db.query(`CREATE INDEX cases_next_review_idx ON cases (office_id, next_review_on, id) WHERE status <> 'closed'`);

    // Who did what to a case, when and why: readable by every office that can read the case.
    await db.query(`
      CREATE TYPE case_event_kind AS ENUM (
        'opened', 'updated', 'member_added', 'member_removed', 'assigned', 'closed', 'reopened',
        'restricted', 'unrestricted', 'break_glass', 'transfer_requested', 'transfer_accepted',
        'transfer_declined', 'transfer_cancelled')`);
    await db.query(`
      CREATE TABLE case_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        kind case_event_kind NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES users (id),
        actor_office_id uuid REFERENCES offices (id),
        reason text,
        details jsonb
      )`);
    await db.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, occurred_at DESC, id)`);
    await db.query(`CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only()`);

    await db.query(`CREATE TYPE case_transfer_status AS ENUM ('requested', 'accepted', 'declined', 'cancelled')`);
    await db.query(`
      CREATE TABLE case_transfers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        from_office_id uuid NOT NULL REFERENCES offices (id),
        to_office_id uuid NOT NULL REFERENCES offices (id),
        status case_transfer_status NOT NULL DEFAULT 'requested',
        reason text NOT NULL,
        previous_case_number text NOT NULL,
        new_case_number text,
        requested_by uuid NOT NULL REFERENCES users (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        decision_comment text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT case_transfers_other_office CHECK (from_office_id <> to_office_id),
        CONSTRAINT case_transfers_decided CHECK ((status = 'requested') = (decided_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX case_transfers_pending_key ON case_transfers (case_id) WHERE status = 'requested'`);
    await db.query(`CREATE INDEX case_transfers_to_idx ON case_transfers (to_office_id, status, requested_at DESC, id)`);
    await db.query(`CREATE INDEX case_transfers_from_idx ON case_transfers (from_office_id, status, requested_at DESC, id)`);

    // 経過記録: never updated or deleted; a correction is a new note pointing at the one it corrects.
    await db.query(`
      CREATE TYPE contact_type AS ENUM (
        'home_visit', 'office_interview', 'phone', 'meeting', 'case_conference',
        'facility_contact', 'agency_contact', 'letter', 'other')`);
    await db.query(`
      CREATE TABLE case_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        occurred_at timestamptz NOT NULL,
        author_id uuid NOT NULL REFERENCES users (id),
        contact_type contact_type NOT NULL,
        text text NOT NULL CHECK (btrim(text) <> ''),
        corrects_note_id uuid REFERENCES case_notes (id),
        correction_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_notes_correction_reason CHECK ((corrects_note_id IS NULL) = (correction_reason IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX case_notes_corrects_key ON case_notes (corrects_note_id)`);
    await db.query(`CREATE INDEX case_notes_case_idx ON case_notes (case_id, occurred_at DESC, id)`);
    await db.query(`CREATE TRIGGER case_notes_append_only BEFORE UPDATE OR DELETE ON case_notes FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only()`);

    // 進行管理: the interval per support level is configuration data, not code.
    await db.query(`
      CREATE TABLE progress_review_intervals (
        support_level support_level PRIMARY KEY,
        interval_months integer NOT NULL CHECK (interval_months BETWEEN 1 AND 24),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO progress_review_intervals (support_level, interval_months)
      VALUES ('general', 3), ('support_required', 3), ('protection_required', 3), ('specified_expectant_mother', 3)`);
    await db.query(`CREATE TYPE progress_review_decision AS ENUM ('continue', 'change_support_level', 'close', 'refer_to_child_guidance_center', 'other')`);
    await db.query(`
      CREATE TABLE case_progress_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        reviewed_on date NOT NULL,
        attendees text[] NOT NULL DEFAULT '{}',
        assessment text NOT NULL,
        decision progress_review_decision NOT NULL,
        decision_notes text,
        next_review_on date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_progress_reviews_next_after CHECK (next_review_on > reviewed_on)
      )`);
    await db.query(`CREATE INDEX case_progress_reviews_case_idx ON case_progress_reviews (case_id, reviewed_on DESC, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_progress_reviews`);
    await db.query(`DROP TYPE progress_review_decision`);
    await db.query(`DROP TABLE progress_review_intervals`);
    await db.query(`DROP TABLE case_notes`);
    await db.query(`DROP TYPE contact_type`);
    await db.query(`DROP TABLE case_transfers`);
    await db.query(`DROP TYPE case_transfer_status`);
    await db.query(`DROP TABLE case_events`);
    await db.query(`DROP TYPE case_event_kind`);
    await db.query(`DROP INDEX cases_next_review_idx`);
    await db.query(`ALTER TABLE cases DROP COLUMN next_review_on`);
    await db.query(`DROP TABLE person_links`);
    await db.query(`DROP FUNCTION refuse_change_append_only()`);
    await db.query(`DROP INDEX cases_label_trgm_idx`);
    await db.query(`DROP INDEX cases_office_opened_idx`);
    await db.query(`DROP INDEX cases_case_number_idx`);
    await db.query(`DROP INDEX persons_birth_date_idx`);
    await db.query(`DROP INDEX persons_kanji_c_idx`);
    await db.query(`DROP INDEX persons_kana_c_idx`);
  }
}
