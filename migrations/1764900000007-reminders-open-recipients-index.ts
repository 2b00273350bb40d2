import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The personal due list ("mine") now finds the caller's reminders by
 * containment in their recipients (`recipients @> '[{"kind": "user", ...}]'`,
 * one probe per recipient naming the caller), which this index serves. Before,
 * it matched every open reminder's recipients element by element: the index
 * dropped by 1764900000005 had no reader then, and the list read 322k open
 * reminders at the 1m scale (1.2 s). Open reminders only, as the list reads.
 * Without GIN's pending list (`fastupdate`): every reminder written goes to
 * the list, which each probe then reads whole, and a consultant's list makes
 * one probe per case they lead — after a few minutes of visit writes, 1,500
 * probes took 0.47 ms each instead of 0.004 (700 ms per list instead of 18).
 *
 * The probes for "a case I lead" read the caller's cases by lead worker, open
 * or closed (a reminder of a closed case is still the lead's until it is
 * resolved): the lead-worker index covered open cases only, and a seq scan of
 * every case took 54 ms of each list.
 */
export class RemindersOpenRecipientsIndex1764900000007 implements MigrationInterface {
  name = 'RemindersOpenRecipientsIndex1764900000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX reminders_open_recipients_idx ON reminders USING gin (recipients jsonb_path_ops) WITH (fastupdate = off)
        WHERE resolved_at IS NULL AND state IN ('scheduled', 'delivered')`,
    );
    await db.query(`DROP INDEX cases_lead_worker_idx`);
    await db.query(`CREATE INDEX cases_lead_worker_idx ON cases (lead_worker_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases_lead_worker_idx`);
    await db.query(`CREATE INDEX cases_lead_worker_idx ON cases (lead_worker_id) WHERE status <> 'closed'`);
    await db.query(`DROP INDEX reminders_open_recipients_idx`);
  }
}
