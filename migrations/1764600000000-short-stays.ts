import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 要支援ショートステイ: the eligibility policy and the fee table as dated data,
 * the short-stay side of the facilities registry (accepted ages, beds per
 * night with dated changes), requests with their history, and the bed ledger.
 *
 * The ledger makes over-booking impossible in the database itself, whatever
 * the application does: `short_stay_nights` holds one row per facility and
 * night with its capacity and a `taken` count that only the booking trigger
 * moves, and `CHECK (taken <= capacity)` refuses the booking that would
 * exceed it. A child cannot be booked twice for one night either
 * (`UNIQUE (child_id, night)`).
 */
export class ShortStays1764600000000 implements MigrationInterface {
  name = 'ShortStays1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE short_stay_status AS ENUM ('requested', 'approved', 'rejected', 'in_stay', 'completed', 'cancelled')`);
    await db.query(`CREATE TYPE short_stay_action AS ENUM ('request', 'update', 'approve', 'reject', 'check_in', 'extend', 'complete', 'cancel')`);
    await db.query(`CREATE TYPE household_status AS ENUM ('public_assistance', 'resident_tax_exempt', 'taxed')`);
    await db.query(
      `CREATE TYPE short_stay_rejection_reason AS ENUM ('not_eligible', 'limit_exceeded', 'no_vacancy', 'other_support_more_suitable', 'protection_needed', 'incomplete_request', 'other')`,
    );

    // Policy rows are never edited: widening the age range is a new row from a date.
    await db.query(`
      CREATE TABLE short_stay_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        effective_from date NOT NULL,
        min_age integer NOT NULL CHECK (min_age BETWEEN 0 AND 17),
        max_age integer NOT NULL CHECK (max_age BETWEEN 0 AND 17),
        max_nights_per_stay integer NOT NULL CHECK (max_nights_per_stay BETWEEN 1 AND 31),
        max_nights_per_month integer NOT NULL CHECK (max_nights_per_month BETWEEN 1 AND 31),
        extension_requires_approval boolean NOT NULL DEFAULT true,
        note text,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT short_stay_policies_effective_from_key UNIQUE (effective_from),
        CONSTRAINT short_stay_policies_age_range CHECK (min_age <= max_age)
      )`);
    await db.query(`
      CREATE FUNCTION short_stay_policies_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'short_stay_policies rows are immutable; add a row with a later effective date' USING ERRCODE = '55000';
      END $$`);
    await db.query(`CREATE TRIGGER short_stay_policies_no_update BEFORE UPDATE ON short_stay_policies FOR EACH ROW EXECUTE FUNCTION short_stay_policies_immutable()`);
    // FY2018 (平成30年度) as in the action plan: ages 2–12 on the first night, 原則7日以内 per stay.
    await db.query(`
      INSERT INTO short_stay_policies (effective_from, min_age, max_age, max_nights_per_stay, max_nights_per_month, extension_requires_approval, note)
      VALUES ('2018-04-01', 2, 12, 7, 14, true, '平成30年度 実施基準（対象 2歳〜12歳、1回原則7日以内、月14日以内、延長は係長・所長の承認）')`);

    await db.query(`
      CREATE TABLE short_stay_fee_rates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_type facility_type NOT NULL CHECK (facility_type IN ('childrens_home', 'infant_home', 'foster_home')),
        household_status household_status NOT NULL,
        effective_from date NOT NULL,
        daily_fee_yen integer NOT NULL CHECK (daily_fee_yen BETWEEN 0 AND 100000),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT short_stay_fee_rates_key UNIQUE (facility_type, household_status, effective_from)
      )`);
    await db.query(`
      INSERT INTO short_stay_fee_rates (facility_type, household_status, effective_from, daily_fee_yen)
      SELECT t::facility_type, h::household_status, '2018-04-01',
             CASE WHEN h <> 'taxed' THEN 0 WHEN t = 'infant_home' THEN 5000 WHEN t = 'childrens_home' THEN 3000 ELSE 2500 END
        FROM unnest(ARRAY['childrens_home', 'infant_home', 'foster_home']) t,
             unnest(ARRAY['public_assistance', 'resident_tax_exempt', 'taxed']) h`);

    await db.query(`
      CREATE TABLE short_stay_facility_profiles (
        facility_id uuid PRIMARY KEY REFERENCES facilities (id),
        min_age integer NOT NULL CHECK (min_age BETWEEN 0 AND 17),
        max_age integer NOT NULL CHECK (max_age BETWEEN 0 AND 17),
        base_beds integer NOT NULL CHECK (base_beds BETWEEN 0 AND 50),
        notes text,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT short_stay_facility_profiles_age_range CHECK (min_age <= max_age)
      )`);

    // A bed out of service for a week is (-1, first night, last night); an open-ended change has no last night.
    await db.query(`
      CREATE TABLE short_stay_capacity_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES short_stay_facility_profiles (facility_id),
        first_night date NOT NULL,
        last_night date,
        bed_delta integer NOT NULL CHECK (bed_delta <> 0 AND bed_delta BETWEEN -50 AND 50),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT short_stay_capacity_changes_range CHECK (last_night IS NULL OR last_night >= first_night)
      )`);
    await db.query(`CREATE INDEX short_stay_capacity_changes_facility_idx ON short_stay_capacity_changes (facility_id, first_night)`);

    // Beds of a facility on a night: the base plus every dated change covering it (never below zero).
    await db.query(`
      CREATE FUNCTION short_stay_capacity(p_facility uuid, p_night date) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT greatest(0, p.base_beds + coalesce((
                 SELECT sum(c.bed_delta) FROM short_stay_capacity_changes c
                  WHERE c.facility_id = p.facility_id AND c.first_night <= p_night AND (c.last_night IS NULL OR c.last_night >= p_night)), 0))::integer
          FROM short_stay_facility_profiles p WHERE p.facility_id = p_facility
      $$`);

    await db.query(`
      CREATE TABLE short_stays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        child_id uuid NOT NULL REFERENCES persons (id),
        facility_id uuid NOT NULL REFERENCES short_stay_facility_profiles (facility_id),
        first_night date NOT NULL,
        last_night date NOT NULL,
        status short_stay_status NOT NULL DEFAULT 'requested',
        reason text NOT NULL,
        household_status household_status NOT NULL,
        guardian_consent_on date NOT NULL,
        guardian_consent_by text NOT NULL,
        contact_during_stay text NOT NULL,
        allergies text,
        medical_notes text,
        requested_by uuid NOT NULL REFERENCES users (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        policy_id uuid REFERENCES short_stay_policies (id),
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        decision_note text,
        rejection_reason short_stay_rejection_reason,
        fee_yen integer,
        fee_daily_rate_yen integer,
        fee_days integer,
        fee_exempt boolean,
        checked_in_at timestamptz,
        checked_in_by uuid REFERENCES users (id),
        returned_on date,
        return_checked_on date,
        return_checked_by uuid REFERENCES users (id),
        child_condition text,
        return_check_notes text,
        cancelled_at timestamptz,
        cancelled_by uuid REFERENCES users (id),
        cancel_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT short_stays_booking_key UNIQUE (id, facility_id, child_id),
        CONSTRAINT short_stays_nights_order CHECK (last_night >= first_night),
        CONSTRAINT short_stays_rejected_has_reason CHECK (status <> 'rejected' OR (rejection_reason IS NOT NULL AND decided_by IS NOT NULL)),
        CONSTRAINT short_stays_approved_has_fee CHECK (status NOT IN ('approved', 'in_stay', 'completed') OR (fee_yen IS NOT NULL AND decided_by IS NOT NULL AND policy_id IS NOT NULL)),
        CONSTRAINT short_stays_not_self_approved CHECK (decided_by IS NULL OR decided_by <> requested_by),
        CONSTRAINT short_stays_completed_has_return_check CHECK (status <> 'completed' OR (returned_on IS NOT NULL AND return_checked_on IS NOT NULL)),
        CONSTRAINT short_stays_cancelled_has_reason CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX short_stays_office_first_night_idx ON short_stays (office_id, first_night DESC, id DESC)`);
    // The list's order (scope is a condition on the case): walked backwards, it stops after one page.
    await db.query(`CREATE INDEX short_stays_first_night_idx ON short_stays (first_night DESC, id DESC)`);
    await db.query(`CREATE INDEX short_stays_case_idx ON short_stays (case_id)`);
    await db.query(`CREATE INDEX short_stays_child_idx ON short_stays (child_id, first_night)`);
    await db.query(`CREATE INDEX short_stays_facility_idx ON short_stays (facility_id, first_night)`);

    await db.query(`
      CREATE TABLE short_stay_events (
        id bigserial PRIMARY KEY,
        short_stay_id uuid NOT NULL REFERENCES short_stays (id),
        action short_stay_action NOT NULL,
        from_status short_stay_status,
        to_status short_stay_status NOT NULL,
        actor_id uuid NOT NULL REFERENCES users (id),
        reason text,
        details jsonb,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX short_stay_events_stay_idx ON short_stay_events (short_stay_id, id)`);

    await db.query(`
      CREATE TABLE short_stay_nights (
        facility_id uuid NOT NULL REFERENCES short_stay_facility_profiles (facility_id),
        night date NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0),
        taken integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
        PRIMARY KEY (facility_id, night),
        CONSTRAINT short_stay_nights_within_capacity CHECK (taken <= capacity)
      )`);
    await db.query(`
      CREATE TABLE short_stay_bookings (
        short_stay_id uuid NOT NULL,
        facility_id uuid NOT NULL,
        child_id uuid NOT NULL,
        night date NOT NULL,
        PRIMARY KEY (short_stay_id, night),
        CONSTRAINT short_stay_bookings_stay_fk FOREIGN KEY (short_stay_id, facility_id, child_id) REFERENCES short_stays (id, facility_id, child_id),
        CONSTRAINT short_stay_bookings_night_fk FOREIGN KEY (facility_id, night) REFERENCES short_stay_nights (facility_id, night),
        CONSTRAINT short_stay_bookings_child_night_key UNIQUE (child_id, night)
      )`);
    await db.query(`CREATE INDEX short_stay_bookings_facility_night_idx ON short_stay_bookings (facility_id, night)`);
    // The only way `taken` moves: one booking row in or out. Bookings are never updated in place.
    await db.query(`
      CREATE FUNCTION short_stay_bookings_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE short_stay_nights SET taken = taken + 1 WHERE facility_id = NEW.facility_id AND night = NEW.night;
          RETURN NEW;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE short_stay_nights SET taken = taken - 1 WHERE facility_id = OLD.facility_id AND night = OLD.night;
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'short_stay_bookings rows are inserted or deleted, never updated' USING ERRCODE = '55000';
      END $$`);
    await db.query(`CREATE TRIGGER short_stay_bookings_count AFTER INSERT OR DELETE ON short_stay_bookings FOR EACH ROW EXECUTE FUNCTION short_stay_bookings_count()`);
    await db.query(`CREATE TRIGGER short_stay_bookings_no_update BEFORE UPDATE ON short_stay_bookings FOR EACH ROW EXECUTE FUNCTION short_stay_bookings_count()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE short_stay_bookings`);
    await db.query(`DROP FUNCTION short_stay_bookings_count()`);
    await db.query(`DROP TABLE short_stay_nights`);
    await db.query(`DROP TABLE short_stay_events`);
    await db.query(`DROP TABLE short_stays`);
    await db.query(`DROP FUNCTION short_stay_capacity(uuid, date)`);
    await db.query(`DROP TABLE short_stay_capacity_changes`);
    await db.query(`DROP TABLE short_stay_facility_profiles`);
    await db.query(`DROP TABLE short_stay_fee_rates`);
    await db.query(`DROP TABLE short_stay_policies`);
    await db.query(`DROP FUNCTION short_stay_policies_immutable()`);
    await db.query(`DROP TYPE short_stay_rejection_reason`);
    await db.query(`DROP TYPE household_status`);
    await db.query(`DROP TYPE short_stay_action`);
    await db.query(`DROP TYPE short_stay_status`);
  }
}
