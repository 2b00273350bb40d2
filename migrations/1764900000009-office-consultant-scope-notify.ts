import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token checks now carry the office's rule for its consultants (every open
 * case of the office, or their own only), so that scope SQL states it and
 * PostgreSQL can estimate a consultant's cases. API processes keep checks in
 * memory (SessionCache): a change of the rule is announced on the same
 * channel as a user's change, as `office:<id>`, and drops them.
 */
export class OfficeConsultantScopeNotify1764900000009 implements MigrationInterface {
  name = 'OfficeConsultantScopeNotify1764900000009';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_office_consultant_scope_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hagukumi_auth_changed', 'office:' || NEW.id::text);
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER offices_notify_consultant_scope AFTER UPDATE OF consultant_scope ON offices
      FOR EACH ROW WHEN (OLD.consultant_scope IS DISTINCT FROM NEW.consultant_scope)
      EXECUTE FUNCTION notify_office_consultant_scope_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER offices_notify_consultant_scope ON offices`);
    await db.query(`DROP FUNCTION notify_office_consultant_scope_changed()`);
  }
}
