import { DataSource } from 'typeorm';

export type ChainVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: number; problem: 'content_altered' | 'link_broken' };

const GENESIS = '\\x' + '00'.repeat(32);

/**
 * Recomputes every event's digest in id order, in the database, in one pass:
 * a row whose content no longer matches its hash was altered; a row whose
 * `prev_hash` is not its predecessor's hash follows a deleted or inserted row.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<ChainVerification> {
  const rows: Array<{ id: number; altered: boolean; checked: number }> = await dataSource.query(
    `WITH chain AS (
       SELECT e.id,
              e.hash <> audit_event_digest(e.prev_hash, e) AS altered,
              e.prev_hash IS DISTINCT FROM coalesce(lag(e.hash) OVER (ORDER BY e.id), $1::bytea) AS unlinked
         FROM audit_events e
     )
     SELECT id, altered, (SELECT count(*) FROM audit_events)::int AS checked
       FROM chain WHERE altered OR unlinked ORDER BY id LIMIT 1`,
    [GENESIS],
  );
  if (rows.length === 0) {
    const [{ count }]: Array<{ count: number }> = await dataSource.query(`SELECT count(*)::int AS count FROM audit_events`);
    return { ok: true, checked: count };
  }
  const first = rows[0];
  return { ok: false, checked: first.checked, firstBrokenId: Number(first.id), problem: first.altered ? 'content_altered' : 'link_broken' };
}
