import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Watch-visit plans also carry whether their case is open (kept by the same
 * triggers as their office, never set by the application). For a supervisor,
 * whose scope is exactly "the office's cases and the cases shared with it",
 * the overdue count then reads the plans alone: at the 1m scale it checked
 * 2,098 overdue plans against their cases, most of the list's 7-10 ms of
 * database time.
 */
export class WatchVisitPlansCaseOpen1764900000002 implements MigrationInterface {
  name = 'WatchVisitPlansCaseOpen1764900000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE watch_visit_plans ADD COLUMN case_open boolean`);
    await db.query(`UPDATE watch_visit_plans p SET case_open = (c.status <> 'closed') FROM cases c WHERE c.id = p.case_id`);
    await db.query(`ALTER TABLE watch_visit_plans ALTER COLUMN case_open SET NOT NULL`);
    await db.query(`
      CREATE OR REPLACE FUNCTION watch_visit_plans_take_case_office() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- FOR SHARE waits for a transfer or closure of the case in progress and then reads its committed state; a
        -- plain read would take the old state from this statement's snapshot, after the other's own trigger ran.
        SELECT c.office_id, c.status <> 'closed' INTO NEW.office_id, NEW.case_open FROM cases c WHERE c.id = NEW.case_id FOR SHARE;
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION watch_visit_plans_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE watch_visit_plans SET office_id = NEW.office_id, case_open = (NEW.status <> 'closed') WHERE case_id = NEW.id;
        RETURN NULL;
      END
      $$`);
    await db.query(`DROP TRIGGER watch_visit_plans_follow_case ON cases`);
    await db.query(`
      CREATE TRIGGER watch_visit_plans_follow_case AFTER UPDATE OF office_id, status ON cases
      FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id OR (OLD.status = 'closed') IS DISTINCT FROM (NEW.status = 'closed'))
      EXECUTE FUNCTION watch_visit_plans_follow_case()`);
    await db.query(`CREATE INDEX watch_visit_plans_open_office_due_idx ON watch_visit_plans (office_id, next_due_on, id) WHERE status = 'active' AND case_open`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX watch_visit_plans_open_office_due_idx`);
    await db.query(`DROP TRIGGER watch_visit_plans_follow_case ON cases`);
    await db.query(`
      CREATE TRIGGER watch_visit_plans_follow_case AFTER UPDATE OF office_id ON cases
      FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id) EXECUTE FUNCTION watch_visit_plans_follow_case()`);
    await db.query(`
      CREATE OR REPLACE FUNCTION watch_visit_plans_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE watch_visit_plans SET office_id = NEW.office_id WHERE case_id = NEW.id;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION watch_visit_plans_take_case_office() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.office_id := (SELECT c.office_id FROM cases c WHERE c.id = NEW.case_id FOR SHARE);
        RETURN NEW;
      END
      $$`);
    await db.query(`ALTER TABLE watch_visit_plans DROP COLUMN case_open`);
  }
}
