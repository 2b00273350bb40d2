import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The casework spine every feature hangs off: persons, family cases with
 * members and assigned workers, cross-office shares, break-glass grants, the
 * per-office case-number counter and the facilities registry.
 */
export class CaseCore1764150000000 implements MigrationInterface {
  name = 'CaseCore1764150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE TYPE consultant_scope AS ENUM ('office', 'assigned')`);
    await db.query(`ALTER TABLE offices ADD COLUMN consultant_scope consultant_scope NOT NULL DEFAULT 'office'`);

    await db.query(`CREATE TYPE person_kind AS ENUM ('child', 'expectant_mother', 'guardian', 'other')`);
    await db.query(`CREATE TYPE sex AS ENUM ('female', 'male', 'other', 'unknown')`);
    await db.query(`
      CREATE TABLE persons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        kind person_kind NOT NULL,
        name_kanji text NOT NULL,
        name_kana text NOT NULL,
        name_kanji_normalized text NOT NULL,
        name_kana_normalized text NOT NULL,
        birth_date date,
        sex sex NOT NULL DEFAULT 'unknown',
        address text,
        phone text,
        notes text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT persons_name_kana_not_blank CHECK (name_kana_normalized <> '')
      )`);
    // Prefix search sorted by kana needs the C collation to use the index (see PERFORMANCE.md).
    await db.query(`CREATE INDEX persons_office_kana_idx ON persons (office_id, name_kana_normalized COLLATE "C", id)`);
    await db.query(`CREATE INDEX persons_kana_trgm_idx ON persons USING gin (name_kana_normalized gin_trgm_ops)`);
    await db.query(`CREATE INDEX persons_kanji_trgm_idx ON persons USING gin (name_kanji_normalized gin_trgm_ops)`);
    await db.query(`CREATE INDEX persons_kana_birth_idx ON persons (name_kana_normalized, birth_date)`);

    await db.query(`CREATE TYPE support_level AS ENUM ('general', 'support_required', 'protection_required', 'specified_expectant_mother')`);
    await db.query(`CREATE TYPE abuse_type AS ENUM ('physical', 'sexual', 'neglect', 'psychological')`);
    await db.query(`CREATE TYPE case_status AS ENUM ('open', 'closed', 'reopened')`);
    await db.query(`
      CREATE TABLE case_number_counters (
        office_id uuid NOT NULL REFERENCES offices (id),
        fiscal_year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (office_id, fiscal_year)
      )`);
    await db.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        case_number text NOT NULL,
        fiscal_year integer NOT NULL,
        label text NOT NULL,
        support_level support_level NOT NULL,
        abuse_types abuse_type[] NOT NULL DEFAULT '{}',
        status case_status NOT NULL DEFAULT 'open',
        lead_worker_id uuid REFERENCES users (id),
        restricted boolean NOT NULL DEFAULT false,
        opened_on date NOT NULL,
        closed_at timestamptz,
        closed_reason text,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cases_number_key UNIQUE (office_id, case_number),
        CONSTRAINT cases_closed_has_reason CHECK (status <> 'closed' OR (closed_reason IS NOT NULL AND closed_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX cases_office_status_idx ON cases (office_id, status, id)`);
    await db.query(`CREATE INDEX cases_lead_worker_idx ON cases (lead_worker_id) WHERE status <> 'closed'`);

    await db.query(`CREATE TYPE member_relationship AS ENUM ('child', 'mother', 'father', 'guardian', 'sibling', 'grandparent', 'expectant_mother', 'partner', 'other')`);
    await db.query(`
      CREATE TABLE case_members (
        case_id uuid NOT NULL REFERENCES cases (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        relationship member_relationship NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, person_id)
      )`);
    await db.query(`CREATE INDEX case_members_person_idx ON case_members (person_id)`);

    // Co-workers (副担当); the lead worker (主担当) is cases.lead_worker_id.
    await db.query(`
      CREATE TABLE case_co_workers (
        case_id uuid NOT NULL REFERENCES cases (id),
        user_id uuid NOT NULL REFERENCES users (id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, user_id)
      )`);
    await db.query(`CREATE INDEX case_co_workers_user_idx ON case_co_workers (user_id)`);

    // Another office that may read a case: the office a family moved from, or a centre a case was handed to.
    await db.query(`CREATE TYPE case_share_reason AS ENUM ('transfer', 'referral', 'specified_expectant_mother')`);
    await db.query(`
      CREATE TABLE case_office_shares (
        case_id uuid NOT NULL REFERENCES cases (id),
        office_id uuid NOT NULL REFERENCES offices (id),
        reason case_share_reason NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, office_id)
      )`);
    await db.query(`CREATE INDEX case_office_shares_office_idx ON case_office_shares (office_id)`);

    // Break-glass: a time-limited grant to open a restricted case, given with a reason.
    await db.query(`
      CREATE TABLE case_access_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        user_id uuid NOT NULL REFERENCES users (id),
        reason text NOT NULL CHECK (length(reason) >= 5),
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX case_access_grants_lookup_idx ON case_access_grants (case_id, user_id, expires_at)`);

    await db.query(`
      CREATE TYPE facility_type AS ENUM (
        'nursery', 'kindergarten', 'certified_childcare', 'elementary_school', 'junior_high_school',
        'after_school_club', 'childrens_hall', 'childrens_home', 'infant_home', 'foster_home', 'other')`);
    await db.query(`
      CREATE TABLE facilities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type facility_type NOT NULL,
        name text NOT NULL,
        address text,
        phone text,
        contact_person text,
        office_id uuid NOT NULL REFERENCES offices (id),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX facilities_office_type_idx ON facilities (office_id, type) WHERE active`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE facilities`);
    await db.query(`DROP TYPE facility_type`);
    await db.query(`DROP TABLE case_access_grants`);
    await db.query(`DROP TABLE case_office_shares`);
    await db.query(`DROP TYPE case_share_reason`);
    await db.query(`DROP TABLE case_co_workers`);
    await db.query(`DROP TABLE case_members`);
    await db.query(`DROP TYPE member_relationship`);
    await db.query(`DROP TABLE cases`);
    await db.query(`DROP TABLE case_number_counters`);
    await db.query(`DROP TYPE case_status`);
    await db.query(`DROP TYPE abuse_type`);
    await db.query(`DROP TYPE support_level`);
    await db.query(`DROP TABLE persons`);
    await db.query(`DROP TYPE sex`);
    await db.query(`DROP TYPE person_kind`);
    await db.query(`ALTER TABLE offices DROP COLUMN consultant_scope`);
    await db.query(`DROP TYPE consultant_scope`);
  }
}
