import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes held the office's active plans in due order, one of them only
 * those of open cases. Every overdue query now says `p.case_open` (the
 * plan's own copy of its case's state, kept by triggers), so the narrower one
 * serves them all, and the wider one goes: both were updated on every visit
 * recorded, since a visit moves the plan's due date.
 */
export class WatchVisitPlansOfficeDueIndex1764900000006 implements MigrationInterface {
  name = 'WatchVisitPlansOfficeDueIndex1764900000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX watch_visit_plans_office_due_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX watch_visit_plans_office_due_idx ON watch_visit_plans (office_id, next_due_on, id) WHERE status = 'active'`);
  }
}
