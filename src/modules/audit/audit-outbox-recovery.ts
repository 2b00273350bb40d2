import { DataSource, EntityManager } from 'typeorm';
import type { AuditEventColumns } from './audit.service';

/** At most this many rows are moved by one statement. */
export const MOVE_BATCH = 1_000;

/** The columns of an audit_outbox row that become the event's: all of an event's but the outcome (a staged row is a committed change). */
export const STAGED_COLUMN_NAMES: ReadonlyArray<Exclude<keyof AuditEventColumns, 'outcome'>> = [
  'occurred_at', 'actor_user_id', 'actor_login_id', 'actor_roles', 'actor_office_id', 'action', 'resource_type', 'resource_id', 'reason', 'details', 'request_id', 'client_ip',
];
const STAGED_COLUMNS = STAGED_COLUMN_NAMES.join(', ');

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
       RETURNING staged_at, ${STAGED_COLUMNS}
     )
     INSERT INTO audit_events (occurred_at, actor_user_id, actor_login_id, actor_roles, actor_office_id, action, resource_type, resource_id, outcome, reason, details, request_id, client_ip)
     SELECT occurred_at, actor_user_id, actor_login_id, actor_roles, actor_office_id, action, resource_type, resource_id, 'success', reason,
            coalesce(details, '{}'::jsonb) || '{"recoveredFromOutbox": true}'::jsonb, request_id, client_ip
       FROM moved ORDER BY staged_at
     RETURNING id`,
    [parameter],
  );
  return rows.length;
}
