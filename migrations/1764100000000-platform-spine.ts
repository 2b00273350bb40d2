import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offices, users, login sessions and the append-only, hash-chained audit log.
 */
export class PlatformSpine1764100000000 implements MigrationInterface {
  name = 'PlatformSpine1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE office_type AS ENUM ('child_family_support_center', 'health_center')`);
    await db.query(`
      CREATE TABLE offices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        type office_type NOT NULL,
        is_main boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT offices_code_key UNIQUE (code),
        CONSTRAINT offices_code_format CHECK (code ~ '^[A-Z0-9-]{2,32}$')
      )`);

    await db.query(`CREATE TYPE user_role AS ENUM ('consultant', 'supervisor', 'liaison', 'auditor', 'admin')`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login_id text NOT NULL,
        display_name text NOT NULL,
        email text,
        office_id uuid NOT NULL REFERENCES offices (id),
        roles user_role[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        email_notifications boolean NOT NULL DEFAULT true,
        failed_login_count integer NOT NULL DEFAULT 0,
        first_failed_login_at timestamptz,
        locked_until timestamptz,
        last_login_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_login_id_format CHECK (login_id ~ '^[A-Za-z0-9._-]{3,64}$'),
        CONSTRAINT users_roles_not_empty CHECK (cardinality(roles) > 0)
      )`);
    await db.query(`CREATE UNIQUE INDEX users_login_id_key ON users (lower(login_id))`);
    await db.query(`CREATE INDEX users_office_id_idx ON users (office_id) WHERE active`);

    await db.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await db.query(`CREATE INDEX auth_sessions_user_id_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_sessions (id),
        secret_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id)`);

    await this.createAuditLog(db);
  }

  private async createAuditLog(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE audit_events_id_seq AS bigint`);
    await db.query(`
      CREATE TABLE audit_events (
        id bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_login_id text,
        actor_roles text[] NOT NULL DEFAULT '{}',
        actor_office_id uuid,
        action text NOT NULL,
        resource_type text,
        resource_id text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure', 'error')),
        reason text,
        details jsonb,
        request_id text,
        client_ip text,
        prev_hash bytea NOT NULL,
        hash bytea NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at, id)`);
    await db.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, id)`);
    await db.query(`CREATE INDEX audit_events_resource_idx ON audit_events (resource_type, resource_id, id)`);
    await db.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, id)`);

    // The digest covers every column but the hashes themselves, in a fixed
    // textual form that does not depend on the session's time zone.
    await db.query(`
      CREATE FUNCTION audit_event_digest(prev bytea, e audit_events) RETURNS bytea
      LANGUAGE sql IMMUTABLE AS $$
        SELECT sha256(prev || convert_to(concat_ws(E'\\x1f',
          e.id::text,
          to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(e.actor_user_id::text, ''),
          coalesce(e.actor_login_id, ''),
          array_to_string(e.actor_roles, ','),
          coalesce(e.actor_office_id::text, ''),
          e.action,
          coalesce(e.resource_type, ''),
          coalesce(e.resource_id, ''),
          e.outcome,
          coalesce(e.reason, ''),
          coalesce(e.details::text, ''),
          coalesce(e.request_id, ''),
          coalesce(e.client_ip, '')
        ), 'UTF8'))
      $$`);

    // Ids are drawn under the chain lock so id order is chain order. The lock
    // is transaction-scoped: the application writes audit rows in short
    // transactions of their own so the lock is held for one insert only.
    await db.query(`
      CREATE FUNCTION audit_events_chain() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        last_hash bytea;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('audit_events_chain'));
        NEW.id := nextval('audit_events_id_seq');
        NEW.occurred_at := coalesce(NEW.occurred_at, clock_timestamp());
        SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
        NEW.prev_hash := coalesce(last_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
        NEW.hash := audit_event_digest(NEW.prev_hash, NEW);
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_chain()`);

    await db.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_events_immutable BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await db.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    // CASCADE also drops audit_event_digest, which takes the table's row type.
    await db.query(`DROP TABLE audit_events CASCADE`);
    await db.query(`DROP FUNCTION audit_events_refuse_change()`);
    await db.query(`DROP FUNCTION audit_events_chain()`);
    await db.query(`DROP SEQUENCE audit_events_id_seq`);
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE auth_sessions`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TYPE user_role`);
    await db.query(`DROP TABLE offices`);
    await db.query(`DROP TYPE office_type`);
  }
}
