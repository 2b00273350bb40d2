import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces every change that can end or alter a signed-in session — a
 * session revoked, expired early or deleted; a user deactivated, deleted, or
 * given other roles, office or login id — on the channel
 * `hagukumi_auth_changed`, with the user's id. API processes keep recent
 * token checks in memory (SessionCache) and drop a user's the moment this
 * arrives, whichever process or hand-written SQL made the change. NOTIFY is
 * sent at commit, never for a rolled-back change.
 */
export class AuthChangeNotify1764900000004 implements MigrationInterface {
  name = 'AuthChangeNotify1764900000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed record;
      BEGIN
        IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
        -- Each branch names only its own table's column: PL/pgSQL resolves a record's fields when it runs a statement.
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('hagukumi_auth_changed', changed.id::text);
        ELSE
          PERFORM pg_notify('hagukumi_auth_changed', changed.user_id::text);
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER users_notify_auth_changed AFTER UPDATE OF active, roles, office_id, login_id ON users
      FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.roles IS DISTINCT FROM NEW.roles
                         OR OLD.office_id IS DISTINCT FROM NEW.office_id OR OLD.login_id IS DISTINCT FROM NEW.login_id)
      EXECUTE FUNCTION notify_auth_changed()`);
    await db.query(`CREATE TRIGGER users_notify_auth_deleted AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION notify_auth_changed()`);
    await db.query(`
      CREATE TRIGGER auth_sessions_notify_changed AFTER UPDATE OF revoked_at, expires_at, user_id ON auth_sessions
      FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
                         OR OLD.user_id IS DISTINCT FROM NEW.user_id)
      EXECUTE FUNCTION notify_auth_changed()`);
    await db.query(`CREATE TRIGGER auth_sessions_notify_deleted AFTER DELETE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION notify_auth_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER auth_sessions_notify_deleted ON auth_sessions`);
    await db.query(`DROP TRIGGER auth_sessions_notify_changed ON auth_sessions`);
    await db.query(`DROP TRIGGER users_notify_auth_deleted ON users`);
    await db.query(`DROP TRIGGER users_notify_auth_changed ON users`);
    await db.query(`DROP FUNCTION notify_auth_changed()`);
  }
}
