import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a write request has committed before its audit event is appended.
 * The event goes to the hash-chained log after the request's transaction
 * (the chain's lock is never held across business transactions), so a row is
 * staged here inside that transaction, with what is known of the event by
 * then: the append deletes it in the same statement, and the worker turns
 * rows left behind (the API process died in between) into events. No trigger
 * and no lock: staging costs one plain insert.
 */
export class AuditOutbox1764900000010 implements MigrationInterface {
  name = 'AuditOutbox1764900000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_outbox (
        key uuid PRIMARY KEY,
        staged_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_login_id text,
        actor_roles text[] NOT NULL DEFAULT '{}',
        actor_office_id uuid,
        action text NOT NULL,
        resource_type text,
        resource_id text,
        reason text,
        details jsonb,
        request_id text,
        client_ip text
      )`);
    await db.query(`CREATE INDEX audit_outbox_staged_at_idx ON audit_outbox (staged_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_outbox`);
  }
}
