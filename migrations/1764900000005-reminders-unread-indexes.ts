import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes of the reminder engine's first version that no query reads: by
 * subject (nothing looks reminders up by their subject; a module cancels or
 * moves them by key) and a GIN index over the recipients (the due list
 * matches recipients through jsonb_array_elements, which it cannot serve).
 * Both were kept up to date on every reminder scheduled, moved, delivered or
 * cancelled — two of the eight index entries of every version of a reminder
 * row, the GIN one the dearest — and `pg_stat_user_indexes` showed no scan of
 * either after the bench, soak and fault runs at the 1m scale.
 */
export class RemindersUnreadIndexes1764900000005 implements MigrationInterface {
  name = 'RemindersUnreadIndexes1764900000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reminders_subject_idx`);
    await db.query(`DROP INDEX reminders_open_recipients_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX reminders_open_recipients_idx ON reminders USING gin (recipients jsonb_path_ops) WHERE resolved_at IS NULL AND state IN ('scheduled', 'delivered')`);
    await db.query(`CREATE INDEX reminders_subject_idx ON reminders (subject_type, subject_id)`);
  }
}
