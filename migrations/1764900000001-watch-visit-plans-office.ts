import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Watch-visit plans carry their case's office (kept by triggers, never set by
 * the application), so the overdue list of an office starts from its own
 * active plans in due order instead of every overdue plan of the ward joined
 * to every case of the office: the supervisors' count took 125 ms at the 1m
 * scale (EXPLAIN ANALYZE), a hash join of 26k plans with 30k cases.
 */
export class WatchVisitPlansOffice1764900000001 implements MigrationInterface {
  name = 'WatchVisitPlansOffice1764900000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE watch_visit_plans ADD COLUMN office_id uuid REFERENCES offices (id)`);
    await db.query(`UPDATE watch_visit_plans p SET office_id = c.office_id FROM cases c WHERE c.id = p.case_id`);
    await db.query(`ALTER TABLE watch_visit_plans ALTER COLUMN office_id SET NOT NULL`);
    await db.query(`
      CREATE FUNCTION watch_visit_plans_take_case_office() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- FOR SHARE waits for a transfer of the case in progress and then reads its committed office; a plain
        -- read would take the old office from this statement's snapshot, after the transfer's own trigger ran.
        NEW.office_id := (SELECT c.office_id FROM cases c WHERE c.id = NEW.case_id FOR SHARE);
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER watch_visit_plans_office BEFORE INSERT OR UPDATE OF case_id ON watch_visit_plans
      FOR EACH ROW EXECUTE FUNCTION watch_visit_plans_take_case_office()`);
    await db.query(`
      CREATE FUNCTION watch_visit_plans_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE watch_visit_plans SET office_id = NEW.office_id WHERE case_id = NEW.id;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER watch_visit_plans_follow_case AFTER UPDATE OF office_id ON cases
      FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id) EXECUTE FUNCTION watch_visit_plans_follow_case()`);
    await db.query(`CREATE INDEX watch_visit_plans_office_due_idx ON watch_visit_plans (office_id, next_due_on, id) WHERE status = 'active'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER watch_visit_plans_follow_case ON cases`);
    await db.query(`DROP TRIGGER watch_visit_plans_office ON watch_visit_plans`);
    await db.query(`DROP FUNCTION watch_visit_plans_follow_case()`);
    await db.query(`DROP FUNCTION watch_visit_plans_take_case_office()`);
    await db.query(`ALTER TABLE watch_visit_plans DROP COLUMN office_id`);
  }
}
