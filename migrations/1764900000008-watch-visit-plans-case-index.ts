import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's plans, ended ones included (the plan list filtered by case, as the
 * case screen shows them): only plans in force had an index by case, so the
 * list read every plan of the ward twice, for its count and its page (300k at
 * the 1m scale: 39 ms each).
 */
export class WatchVisitPlansCaseIndex1764900000008 implements MigrationInterface {
  name = 'WatchVisitPlansCaseIndex1764900000008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX watch_visit_plans_case_idx ON watch_visit_plans (case_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX watch_visit_plans_case_idx`);
  }
}
