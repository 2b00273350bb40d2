import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 送致 (児童福祉法 第25条の7): the ward's referral of a child to the
 * metropolitan child guidance centre, with its supervisor review, the review
 * comment thread, the state history (who, when, why) and the snapshot of the
 * children and guardians as they stood on the referral.
 */
export class Referrals1764700000000 implements MigrationInterface {
  name = 'Referrals1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE referral_state AS ENUM ('draft', 'submitted', 'returned', 'approved', 'sent', 'accepted', 'declined', 'closed')`);
    // Declaration order is urgency order: ORDER BY urgency puts AA first.
    await db.query(`CREATE TYPE referral_urgency AS ENUM ('aa', 'a', 'b', 'c')`);
    await db.query(`CREATE TYPE referral_legal_basis AS ENUM ('measures', 'assessment')`);
    await db.query(`CREATE TYPE referral_requested_measure AS ENUM ('temporary_protection', 'facility_admission', 'foster_care', 'guidance', 'assessment', 'other')`);
    await db.query(`CREATE TYPE referral_send_method AS ENUM ('hand_delivery', 'mail', 'fax', 'lgwan_mail', 'other')`);
    await db.query(`CREATE TYPE referral_action AS ENUM ('create', 'submit', 'approve', 'return', 'revise', 'send', 'accept', 'decline', 'close', 'withdraw')`);

    await db.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        office_id uuid NOT NULL REFERENCES offices (id),
        author_id uuid NOT NULL REFERENCES users (id),
        state referral_state NOT NULL DEFAULT 'draft',
        urgency referral_urgency NOT NULL,
        legal_basis referral_legal_basis,
        requested_measures referral_requested_measure[] NOT NULL DEFAULT '{}',
        reason text,
        support_history text,
        risk_summary text,
        latest_assessment text,
        latest_assessment_on date,
        request_details text,
        attachments jsonb NOT NULL DEFAULT '[]',
        submission_count integer NOT NULL DEFAULT 0,
        first_submitted_at timestamptz,
        submitted_at timestamptz,
        approved_by uuid REFERENCES users (id),
        approved_at timestamptz,
        sent_on date,
        send_method referral_send_method,
        centre_name text,
        centre_contact text,
        sent_by uuid REFERENCES users (id),
        answered_on date,
        answered_by uuid REFERENCES users (id),
        centre_case_number text,
        decline_reason text,
        closed_at timestamptz,
        closed_by uuid REFERENCES users (id),
        close_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referrals_attachments_is_list CHECK (jsonb_typeof(attachments) = 'array'),
        CONSTRAINT referrals_submitted_has_time CHECK (state = 'draft' OR state = 'closed' OR submitted_at IS NOT NULL),
        CONSTRAINT referrals_approved_has_approver CHECK (state NOT IN ('approved', 'sent', 'accepted', 'declined') OR (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
        CONSTRAINT referrals_never_self_approved CHECK (approved_by IS NULL OR approved_by <> author_id),
        CONSTRAINT referrals_sent_has_details CHECK (state NOT IN ('sent', 'accepted', 'declined') OR (sent_on IS NOT NULL AND send_method IS NOT NULL AND centre_name IS NOT NULL)),
        CONSTRAINT referrals_accepted_has_number CHECK (state <> 'accepted' OR centre_case_number IS NOT NULL),
        CONSTRAINT referrals_declined_has_reason CHECK (state <> 'declined' OR decline_reason IS NOT NULL),
        CONSTRAINT referrals_closed_has_time CHECK (state <> 'closed' OR closed_at IS NOT NULL)
      )`);
    // The review queue: submitted referrals of an office, most urgent then oldest first.
    await db.query(`CREATE INDEX referrals_review_queue_idx ON referrals (office_id, urgency, submitted_at, id) WHERE state = 'submitted'`);
    await db.query(`CREATE INDEX referrals_office_created_idx ON referrals (office_id, created_at DESC, id DESC)`);
    // The liaison's list: everything that passed review, ward-wide.
    await db.query(`CREATE INDEX referrals_liaison_idx ON referrals (created_at DESC, id DESC) WHERE approved_at IS NOT NULL`);
    await db.query(`CREATE INDEX referrals_case_idx ON referrals (case_id)`);

    await db.query(`CREATE TYPE referral_person_role AS ENUM ('child', 'guardian')`);
    await db.query(`
      CREATE TABLE referral_persons (
        referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES persons (id),
        role referral_person_role NOT NULL,
        position integer NOT NULL,
        relationship member_relationship NOT NULL,
        name_kanji text NOT NULL,
        name_kana text NOT NULL,
        birth_date date,
        sex sex NOT NULL,
        address text,
        PRIMARY KEY (referral_id, person_id)
      )`);
    await db.query(`CREATE INDEX referral_persons_person_idx ON referral_persons (person_id)`);

    await db.query(`
      CREATE TABLE referral_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referrals (id),
        action referral_action NOT NULL,
        from_state referral_state,
        to_state referral_state NOT NULL,
        actor_id uuid NOT NULL REFERENCES users (id),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        comment text
      )`);
    await db.query(`CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, occurred_at, id)`);

    await db.query(`CREATE TYPE referral_comment_kind AS ENUM ('comment', 'return', 'approval')`);
    await db.query(`
      CREATE TABLE referral_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referrals (id),
        author_id uuid NOT NULL REFERENCES users (id),
        kind referral_comment_kind NOT NULL DEFAULT 'comment',
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX referral_comments_referral_idx ON referral_comments (referral_id, created_at, id)`);

    // Measures: one row per referral with the fiscal year it belongs to (the
    // year it was first submitted, else drafted) and the days each decision took.
    await db.query(`
      CREATE VIEW referral_measure_facts AS
      SELECT r.id,
             r.office_id,
             r.case_id,
             r.state,
             r.urgency,
             (extract(year FROM (coalesce(r.first_submitted_at, r.created_at) AT TIME ZONE 'Asia/Tokyo') - interval '3 months'))::int AS fiscal_year,
             (r.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date AS first_submitted_on,
             (r.approved_at AT TIME ZONE 'Asia/Tokyo')::date AS approved_on,
             r.sent_on,
             r.answered_on,
             CASE WHEN r.centre_case_number IS NOT NULL THEN 'accepted'
                  WHEN r.decline_reason IS NOT NULL THEN 'declined' END AS centre_answer,
             r.state = 'closed' AND r.approved_at IS NULL AS withdrawn,
             (r.approved_at AT TIME ZONE 'Asia/Tokyo')::date - (r.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date AS review_days,
             r.answered_on - r.sent_on AS centre_decision_days
        FROM referrals r`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW referral_measure_facts`);
    await db.query(`DROP TABLE referral_comments`);
    await db.query(`DROP TYPE referral_comment_kind`);
    await db.query(`DROP TABLE referral_events`);
    await db.query(`DROP TABLE referral_persons`);
    await db.query(`DROP TYPE referral_person_role`);
    await db.query(`DROP TABLE referrals`);
    await db.query(`DROP TYPE referral_action`);
    await db.query(`DROP TYPE referral_send_method`);
    await db.query(`DROP TYPE referral_requested_measure`);
    await db.query(`DROP TYPE referral_legal_basis`);
    await db.query(`DROP TYPE referral_urgency`);
    await db.query(`DROP TYPE referral_state`);
  }
}
