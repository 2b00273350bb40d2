import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overdue count checks every overdue plan of an office against its case
 * (open, in scope): 2,098 plans at the 1m scale. With the plan's case id in
 * the office/due index and the scope columns in an index on cases, both
 * sides are read from indexes alone (no heap visit while the tables are
 * vacuumed): the count went from about 9 to 4-5 ms.
 */
export class OverdueCountCovering1764900000002 implements MigrationInterface {
  name = 'OverdueCountCovering1764900000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX watch_visit_plans_office_due_idx`);
    await db.query(`CREATE INDEX watch_visit_plans_office_due_idx ON watch_visit_plans (office_id, next_due_on, id) INCLUDE (case_id) WHERE status = 'active'`);
    await db.query(`CREATE INDEX cases_scope_idx ON cases (id) INCLUDE (status, office_id, restricted, lead_worker_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases_scope_idx`);
    await db.query(`DROP INDEX watch_visit_plans_office_due_idx`);
    await db.query(`CREATE INDEX watch_visit_plans_office_due_idx ON watch_visit_plans (office_id, next_due_on, id) WHERE status = 'active'`);
  }
}
