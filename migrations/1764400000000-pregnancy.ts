import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 妊娠届 (pregnancy notifications), contact attempts, 妊婦面談 (interviews)
 * with their structured screening, the 特定妊婦 hand-over, 産後ケア
 * applications and sessions, and the programme settings (ward default plus
 * optional per-office rows).
 */
export class Pregnancy1764400000000 implements MigrationInterface {
  name = 'Pregnancy1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await this.createSettings(db);
    await this.createNotifications(db);
    await this.createInterviews(db);
    await this.createPostpartumCare(db);
  }

  private async createSettings(db: QueryRunner): Promise<void> {
    // office_id NULL is the ward-wide default; an office row replaces it as a whole for that office.
    await db.query(`
      CREATE TABLE pregnancy_settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid REFERENCES offices (id),
        unreachable_after_attempts integer NOT NULL DEFAULT 3 CHECK (unreachable_after_attempts BETWEEN 1 AND 20),
        interview_reminder_days integer NOT NULL DEFAULT 14 CHECK (interview_reminder_days BETWEEN 1 AND 180),
        interview_escalation_days integer NOT NULL DEFAULT 28 CHECK (interview_escalation_days BETWEEN 1 AND 365),
        postpartum_eligibility_months integer NOT NULL DEFAULT 12 CHECK (postpartum_eligibility_months BETWEEN 1 AND 24),
        overnight_stay_max_age_months integer NOT NULL DEFAULT 4 CHECK (overnight_stay_max_age_months BETWEEN 1 AND 24),
        max_sessions_overnight_stay integer NOT NULL DEFAULT 7 CHECK (max_sessions_overnight_stay BETWEEN 1 AND 60),
        max_sessions_day_care integer NOT NULL DEFAULT 7 CHECK (max_sessions_day_care BETWEEN 1 AND 60),
        max_sessions_home_visit integer NOT NULL DEFAULT 4 CHECK (max_sessions_home_visit BETWEEN 1 AND 60),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pregnancy_settings_office_key UNIQUE NULLS NOT DISTINCT (office_id),
        CONSTRAINT pregnancy_settings_escalation_after_reminder CHECK (interview_escalation_days > interview_reminder_days),
        CONSTRAINT pregnancy_settings_overnight_within_eligibility CHECK (overnight_stay_max_age_months <= postpartum_eligibility_months)
      )`);
    await db.query(`INSERT INTO pregnancy_settings (office_id) VALUES (NULL)`);
  }

  private async createNotifications(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE pregnancy_notification_status AS ENUM ('filed', 'interviewed', 'unreachable')`);
    await db.query(`CREATE TYPE pregnancy_birth_order AS ENUM ('first', 'subsequent')`);
    await db.query(`CREATE TYPE specified_expectant_mother_status AS ENUM ('none', 'candidate', 'confirmed', 'not_confirmed')`);
    await db.query(`
      CREATE TABLE pregnancy_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        mother_id uuid NOT NULL REFERENCES persons (id),
        filed_on date NOT NULL,
        weeks_at_filing smallint NOT NULL CHECK (weeks_at_filing BETWEEN 0 AND 45),
        due_date date NOT NULL,
        medical_institution text,
        birth_order pregnancy_birth_order NOT NULL,
        multiple_pregnancy boolean NOT NULL DEFAULT false,
        notes text,
        status pregnancy_notification_status NOT NULL DEFAULT 'filed',
        first_interviewed_on date,
        unreachable_since timestamptz,
        specified_status specified_expectant_mother_status NOT NULL DEFAULT 'none',
        specified_interview_id uuid,
        case_id uuid REFERENCES cases (id),
        specified_decided_by uuid REFERENCES users (id),
        specified_decided_at timestamptz,
        specified_decision_note text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pregnancy_notifications_due_after_filing CHECK (due_date > filed_on),
        CONSTRAINT pregnancy_notifications_interviewed_has_date CHECK ((status = 'interviewed') = (first_interviewed_on IS NOT NULL)),
        CONSTRAINT pregnancy_notifications_confirmed_has_case CHECK (specified_status <> 'confirmed' OR case_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX pregnancy_notifications_office_filed_idx ON pregnancy_notifications (office_id, filed_on DESC, id DESC)`);
    // The "not yet interviewed" work list, oldest first.
    await db.query(`CREATE INDEX pregnancy_notifications_waiting_idx ON pregnancy_notifications (office_id, filed_on, id) WHERE status <> 'interviewed'`);
    // Coverage per fiscal year: an index-only scan of the year's filings.
    await db.query(`CREATE INDEX pregnancy_notifications_coverage_idx ON pregnancy_notifications (filed_on) INCLUDE (office_id, first_interviewed_on, status)`);
    await db.query(`CREATE INDEX pregnancy_notifications_mother_idx ON pregnancy_notifications (mother_id)`);
    await db.query(`CREATE INDEX pregnancy_notifications_case_idx ON pregnancy_notifications (case_id) WHERE case_id IS NOT NULL`);
    await db.query(`CREATE INDEX pregnancy_notifications_candidates_idx ON pregnancy_notifications (office_id, specified_status) WHERE specified_status = 'candidate'`);

    await db.query(`CREATE TYPE pregnancy_contact_method AS ENUM ('phone', 'letter', 'home_visit', 'email', 'other')`);
    await db.query(`
      CREATE TYPE pregnancy_contact_result AS ENUM (
        'reached', 'declined', 'no_answer', 'message_left', 'number_unavailable', 'letter_returned', 'absent')`);
    await db.query(`
      CREATE TABLE pregnancy_contact_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES pregnancy_notifications (id),
        attempted_on date NOT NULL,
        method pregnancy_contact_method NOT NULL,
        result pregnancy_contact_result NOT NULL,
        note text,
        recorded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX pregnancy_contact_attempts_notification_idx ON pregnancy_contact_attempts (notification_id, attempted_on, created_at)`);

    // Who changed a notification's state, when and why (the audit log keeps the request; this is the case history).
    await db.query(`
      CREATE TABLE pregnancy_notification_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES pregnancy_notifications (id),
        action text NOT NULL,
        status pregnancy_notification_status NOT NULL,
        specified_status specified_expectant_mother_status NOT NULL,
        note text,
        actor_id uuid REFERENCES users (id),
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX pregnancy_notification_history_notification_idx ON pregnancy_notification_history (notification_id, id)`);
  }

  private async createInterviews(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE pregnancy_interview_place AS ENUM ('counter', 'home_visit', 'phone', 'online')`);
    await db.query(`CREATE TYPE pregnancy_partner_situation AS ENUM ('married', 'unmarried_partner', 'no_partner', 'unknown')`);
    await db.query(`CREATE TYPE pregnancy_support_person AS ENUM ('partner', 'own_parents', 'partner_parents', 'siblings', 'friends', 'other')`);
    await db.query(`CREATE TYPE pregnancy_substance_use AS ENUM ('never', 'quit', 'continuing')`);
    await db.query(`CREATE TYPE pregnancy_insurance_type AS ENUM ('employee', 'national', 'medical_assistance', 'none', 'unknown')`);
    await db.query(`CREATE TYPE pregnancy_housing_type AS ENUM ('owned', 'rented', 'public_housing', 'company_housing', 'with_relatives', 'unstable', 'other')`);
    await db.query(`CREATE TYPE pregnancy_feeling AS ENUM ('happy', 'unexpected_but_happy', 'mixed', 'troubled', 'unwanted')`);
    await db.query(`
      CREATE TYPE pregnancy_requested_service AS ENUM (
        'postpartum_care', 'newborn_home_visit', 'parenting_class', 'home_helper', 'childcare_facility', 'financial_consultation', 'mental_health_consultation', 'other')`);
    await db.query(`CREATE TYPE pregnancy_support_need AS ENUM ('none', 'follow_up', 'specified_expectant_mother_candidate')`);
    await db.query(`
      CREATE TABLE pregnancy_interviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES pregnancy_notifications (id),
        office_id uuid NOT NULL REFERENCES offices (id),
        consultant_id uuid NOT NULL REFERENCES users (id),
        interviewed_on date NOT NULL,
        place pregnancy_interview_place NOT NULL,
        weeks_at_interview smallint NOT NULL CHECK (weeks_at_interview BETWEEN 0 AND 45),
        partner_situation pregnancy_partner_situation NOT NULL,
        support_persons pregnancy_support_person[] NOT NULL DEFAULT '{}',
        support_note text,
        past_illness boolean NOT NULL,
        past_illness_note text,
        mental_illness_history boolean NOT NULL,
        insomnia boolean NOT NULL,
        low_mood boolean NOT NULL,
        loss_of_interest boolean NOT NULL,
        strong_anxiety boolean NOT NULL,
        health_note text,
        smoking pregnancy_substance_use NOT NULL,
        drinking pregnancy_substance_use NOT NULL,
        public_assistance boolean NOT NULL,
        insurance_type pregnancy_insurance_type NOT NULL,
        economic_worry boolean NOT NULL,
        economic_note text,
        housing_type pregnancy_housing_type NOT NULL,
        planning_to_move boolean NOT NULL,
        move_planned_on date,
        housing_note text,
        domestic_violence boolean NOT NULL,
        prior_child_protection boolean NOT NULL,
        no_prenatal_checkups boolean NOT NULL,
        pregnancy_feeling pregnancy_feeling NOT NULL,
        feeling_note text,
        requested_services pregnancy_requested_service[] NOT NULL DEFAULT '{}',
        wishes text,
        support_plan text NOT NULL,
        follow_up_on date,
        screened_need pregnancy_support_need NOT NULL,
        screening_factors text[] NOT NULL DEFAULT '{}',
        support_need pregnancy_support_need NOT NULL,
        need_raised_reason text,
        follow_up_done_at timestamptz,
        follow_up_done_by uuid REFERENCES users (id),
        follow_up_note text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pregnancy_interviews_follow_up_after_interview CHECK (follow_up_on IS NULL OR follow_up_on >= interviewed_on),
        CONSTRAINT pregnancy_interviews_move_date_needs_move CHECK (move_planned_on IS NULL OR planning_to_move)
      )`);
    await db.query(`CREATE INDEX pregnancy_interviews_notification_idx ON pregnancy_interviews (notification_id, interviewed_on, id)`);
    // The notification's office, copied so an office's interview list and counts read one index.
    await db.query(`CREATE INDEX pregnancy_interviews_office_date_idx ON pregnancy_interviews (office_id, interviewed_on DESC, id DESC)`);
    await db.query(`
      ALTER TABLE pregnancy_notifications ADD CONSTRAINT pregnancy_notifications_specified_interview_fkey
      FOREIGN KEY (specified_interview_id) REFERENCES pregnancy_interviews (id)`);
  }

  private async createPostpartumCare(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE postpartum_care_type AS ENUM ('overnight_stay', 'day_care', 'home_visit')`);
    await db.query(`CREATE TYPE postpartum_care_status AS ENUM ('applied', 'approved', 'rejected', 'cancelled', 'completed')`);
    await db.query(`
      CREATE TABLE postpartum_care_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        mother_id uuid NOT NULL REFERENCES persons (id),
        notification_id uuid REFERENCES pregnancy_notifications (id),
        interview_id uuid REFERENCES pregnancy_interviews (id),
        service_type postpartum_care_type NOT NULL,
        baby_birth_date date NOT NULL,
        applied_on date NOT NULL,
        requested_sessions smallint NOT NULL CHECK (requested_sessions BETWEEN 1 AND 60),
        preferred_start_on date,
        provider_name text,
        reason text,
        status postpartum_care_status NOT NULL DEFAULT 'applied',
        approved_sessions smallint CHECK (approved_sessions BETWEEN 1 AND 60),
        eligible_until date NOT NULL,
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        decision_note text,
        cancelled_reason text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT postpartum_care_born_before_application CHECK (baby_birth_date <= applied_on),
        CONSTRAINT postpartum_care_approved_has_sessions CHECK (status NOT IN ('approved', 'completed') OR approved_sessions IS NOT NULL),
        CONSTRAINT postpartum_care_decided_has_decider CHECK (status NOT IN ('approved', 'rejected', 'completed') OR (decided_by IS NOT NULL AND decided_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX postpartum_care_applications_office_idx ON postpartum_care_applications (office_id, applied_on DESC, id DESC)`);
    await db.query(`CREATE INDEX postpartum_care_applications_pending_idx ON postpartum_care_applications (office_id, applied_on, id) WHERE status = 'applied'`);
    await db.query(`CREATE INDEX postpartum_care_applications_mother_idx ON postpartum_care_applications (mother_id)`);
    await db.query(`CREATE INDEX postpartum_care_applications_notification_idx ON postpartum_care_applications (notification_id) WHERE notification_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE postpartum_care_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES postpartum_care_applications (id),
        used_on date NOT NULL,
        note text,
        recorded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT postpartum_care_sessions_one_per_day UNIQUE (application_id, used_on)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE postpartum_care_sessions`);
    await db.query(`DROP TABLE postpartum_care_applications`);
    await db.query(`DROP TYPE postpartum_care_status`);
    await db.query(`DROP TYPE postpartum_care_type`);
    await db.query(`ALTER TABLE pregnancy_notifications DROP CONSTRAINT pregnancy_notifications_specified_interview_fkey`);
    await db.query(`DROP TABLE pregnancy_interviews`);
    for (const type of [
      'pregnancy_support_need',
      'pregnancy_requested_service',
      'pregnancy_feeling',
      'pregnancy_housing_type',
      'pregnancy_insurance_type',
      'pregnancy_substance_use',
      'pregnancy_support_person',
      'pregnancy_partner_situation',
      'pregnancy_interview_place',
    ]) {
      await db.query(`DROP TYPE ${type}`);
    }
    await db.query(`DROP TABLE pregnancy_notification_history`);
    await db.query(`DROP TABLE pregnancy_contact_attempts`);
    await db.query(`DROP TYPE pregnancy_contact_result`);
    await db.query(`DROP TYPE pregnancy_contact_method`);
    await db.query(`DROP TABLE pregnancy_notifications`);
    await db.query(`DROP TYPE specified_expectant_mother_status`);
    await db.query(`DROP TYPE pregnancy_birth_order`);
    await db.query(`DROP TYPE pregnancy_notification_status`);
    await db.query(`DROP TABLE pregnancy_settings`);
  }
}
