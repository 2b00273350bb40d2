import { DataSource, EntityManager } from 'typeorm';
import { AUDIT_EVENT_COLUMNS, STAGED_COLUMNS } from './audit-columns';

/** At most this many rows are moved by one statement. */
export const MOVE_BATCH = 1_000;

/** What each column of the recovered event is made of: the staged row's own, but for the outcome and the mark. */
const RECOVERED_VALUES = AUDIT_EVENT_COLUMNS.map((name) =>
  name === 'outcome' ? `'success'` : name === 'details' ? `coalesce(details, '{}'::jsonb) || '{"recoveredFromOutbox": true}'::jsonb` : name,
).join(', ');

/**
 * Turns staged rows into audit events (outcome success, marked
 * `recoveredFromOutbox`), deleting them in the same statement, oldest first:
 * either the rows named, or those staged before `stagedBefore`. Rows another
 * caller is moving at the same time are skipped, so two workers never write
 * one twice. Answers how many were moved.
 */
export async function moveFromOutbox(runner: DataSource | EntityManager, which: { keys: string[] } | { stagedBefore: Date }): Promise<number> {
  const [condition, parameter] = 'keys' in which ? ['key = ANY ($1::uuid[])', which.keys] : ['staged_at < $1', which.stagedBefore];
  const rows: unknown[] = await runner.query(
    `WITH moved AS (
       DELETE FROM audit_outbox
        WHERE key IN (SELECT key FROM audit_outbox WHERE ${condition} ORDER BY staged_at LIMIT ${MOVE_BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING staged_at, ${STAGED_COLUMNS.join(', ')}
     )
     INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS.join(', ')})
     SELECT ${RECOVERED_VALUES} FROM moved ORDER BY staged_at
     RETURNING id`,
    [parameter],
  );
  return rows.length;
}
