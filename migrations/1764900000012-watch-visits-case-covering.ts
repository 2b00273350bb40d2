import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An office's fiscal-year report counts the visits of the office's cases
 * (visits belong to the office of their case, which a transfer changes). At
 * the 1m scale that was a scan of all 3M visits hash-joined to the office's
 * 60k cases, twice (by visit date, then by plan and due date): 2 of the
 * watch-visit group's 2.7 s. With the columns the report counts carried in
 * the case index, it reads each case's own visits (about ten) from the index
 * alone, one probe per case: 1.2 s for both. Same key, so the case screens'
 * lists read it as before, and a visit still updates the same number of
 * indexes.
 */
export class WatchVisitsCaseCovering1764900000012 implements MigrationInterface {
  name = 'WatchVisitsCaseCovering1764900000012';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX watch_visits_case_idx`);
    await db.query(`CREATE INDEX watch_visits_case_idx ON watch_visits (case_id, visited_at DESC, id) INCLUDE (visited_on, due_on, plan_id, outcome)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX watch_visits_case_idx`);
    await db.query(`CREATE INDEX watch_visits_case_idx ON watch_visits (case_id, visited_at DESC, id)`);
  }
}
