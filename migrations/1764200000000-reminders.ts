import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder engine: what is due (`reminders`, the source of truth), the
 * in-app inbox (`notifications`) and one e-mail delivery record per inbox
 * entry that goes out by mail (`mail_deliveries`).
 */
export class Reminders1764200000000 implements MigrationInterface {
  name = 'Reminders1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE reminder_state AS ENUM ('scheduled', 'delivered', 'cancelled', 'failed')`);
    // 'due' is the reminder itself; 'escalation' the later notice to someone else if the subject is still open.
    await db.query(`CREATE TYPE reminder_stage AS ENUM ('due', 'escalation')`);
    await db.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        stage reminder_stage NOT NULL DEFAULT 'due',
        parent_id uuid REFERENCES reminders (id) ON DELETE CASCADE,
        rule text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        office_id uuid NOT NULL REFERENCES offices (id),
        title text NOT NULL,
        due_at timestamptz NOT NULL,
        urgent boolean NOT NULL DEFAULT false,
        recipients jsonb NOT NULL,
        state reminder_state NOT NULL DEFAULT 'scheduled',
        version integer NOT NULL DEFAULT 1,
        delivered_at timestamptz,
        resolved_at timestamptz,
        unresolved_recipients jsonb,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reminders_key_stage_key UNIQUE (key, stage),
        CONSTRAINT reminders_key_format CHECK (char_length(key) BETWEEN 1 AND 200),
        CONSTRAINT reminders_rule_format CHECK (rule ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'),
        CONSTRAINT reminders_title_length CHECK (char_length(title) BETWEEN 1 AND 100),
        CONSTRAINT reminders_recipients_array CHECK (jsonb_typeof(recipients) = 'array' AND jsonb_array_length(recipients) > 0),
        CONSTRAINT reminders_escalation_parent CHECK ((stage = 'escalation') = (parent_id IS NOT NULL)),
        CONSTRAINT reminders_delivered_at CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    // The reconciler: scheduled reminders by due time.
    await db.query(`CREATE INDEX reminders_scheduled_due_idx ON reminders (due_at, id) WHERE state = 'scheduled'`);
    // Due lists: open (not yet resolved) reminders by due time, per office, and per recipient.
    await db.query(`CREATE INDEX reminders_open_due_idx ON reminders (due_at, id) WHERE resolved_at IS NULL AND state IN ('scheduled', 'delivered')`);
    await db.query(`CREATE INDEX reminders_open_office_idx ON reminders (office_id, due_at) WHERE resolved_at IS NULL AND state IN ('scheduled', 'delivered')`);
    await db.query(`CREATE INDEX reminders_open_recipients_idx ON reminders USING gin (recipients jsonb_path_ops) WHERE resolved_at IS NULL AND state IN ('scheduled', 'delivered')`);
    await db.query(`CREATE INDEX reminders_parent_id_idx ON reminders (parent_id) WHERE parent_id IS NOT NULL`);
    await db.query(`CREATE INDEX reminders_subject_idx ON reminders (subject_type, subject_id)`);

    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        reminder_id uuid NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
        reminder_version integer NOT NULL,
        rule text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        title text NOT NULL,
        urgent boolean NOT NULL,
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        -- One inbox entry per user per delivery: a second delivery of the same version is a no-op.
        CONSTRAINT notifications_delivery_key UNIQUE (reminder_id, reminder_version, user_id)
      )`);
    // Inbox order: unread first, then newest first (keyset on these columns).
    await db.query(`CREATE INDEX notifications_inbox_idx ON notifications (user_id, (read_at IS NOT NULL), created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);

    await db.query(`CREATE TYPE mail_delivery_state AS ENUM ('pending', 'sent', 'skipped', 'failed')`);
    await db.query(`
      CREATE TABLE mail_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        state mail_delivery_state NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mail_deliveries_notification_key UNIQUE (notification_id)
      )`);
    await db.query(`CREATE INDEX mail_deliveries_pending_idx ON mail_deliveries (created_at, id) WHERE state = 'pending'`);
    await db.query(`CREATE INDEX mail_deliveries_failed_idx ON mail_deliveries (failed_at DESC, id DESC) WHERE state = 'failed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mail_deliveries`);
    await db.query(`DROP TYPE mail_delivery_state`);
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE reminders`);
    await db.query(`DROP TYPE reminder_stage`);
    await db.query(`DROP TYPE reminder_state`);
  }
}
