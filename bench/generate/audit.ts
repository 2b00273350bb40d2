import { DataSource } from 'typeorm';
import { Scale } from './scales';

/** What staff mostly do, by share of the audit log. */
const ACTIONS: Array<[string, string, number]> = [
  ['case.read', 'case', 40],
  ['person.search', 'person', 20],
  ['case.list', 'case', 15],
  ['watch_visit.create', 'watch_visit', 10],
  ['auth.login', 'session', 10],
  ['reminder.list', 'reminder', 5],
];

/**
 * Audit events through the real hash-chain trigger (ids and hashes are the
 * database's), oldest first, spread over the last two years, by the
 * generated staff about the generated cases. Inserted in chunks so progress
 * shows; `npm run audit:verify` still holds on the result.
 */
export async function generateAuditEvents(db: DataSource, scale: Scale, log: (message: string) => void): Promise<void> {
  const weighted = ACTIONS.flatMap(([action, type, share]) => Array.from({ length: share }, () => `('${action}','${type}')`));
  const chunk = 100_000;
  const spanSeconds = 730 * 86_400;
  for (let from = 1; from <= scale.auditEvents; from += chunk) {
    const to = Math.min(scale.auditEvents, from + chunk - 1);
    await db.query(
      `WITH kinds (i, action, resource_type) AS (
         SELECT row_number() OVER () - 1, k.action, k.resource_type FROM (VALUES ${weighted.join(',')}) AS k (action, resource_type)
       )
       INSERT INTO audit_events (occurred_at, actor_user_id, actor_login_id, actor_roles, actor_office_id, action, resource_type, resource_id, outcome, details, request_id, client_ip)
       SELECT now() - make_interval(secs => $4::double precision * ($3 - g) / $3),
              u.id, u.login_id, u.roles::text[], u.office_id, k.action, k.resource_type, bc.case_id::text,
              CASE WHEN g % 97 = 0 THEN 'denied' ELSE 'success' END,
              CASE WHEN k.action LIKE '%.list' OR k.action LIKE '%.search' THEN jsonb_build_object('criteria', jsonb_build_object('limit', 20)) END,
              'bench-' || g, '10.0.' || (g % 250) || '.' || (g % 200)
         FROM generate_series($1::int, $2::int) g
         JOIN kinds k ON k.i = g % ${weighted.length}
         JOIN bench_cases bc ON bc.seq = 1 + (g * 7) % $5
         JOIN bench_staff st ON st.office_idx = bc.office_idx AND st.n = g % $6
         JOIN users u ON u.id = st.user_id
        ORDER BY g`,
      [from, to, scale.auditEvents, spanSeconds, scale.cases, scale.staffPerOffice],
    );
    log(`audit events: ${to}/${scale.auditEvents}`);
  }
}
