import { Client } from 'pg';

/** The bench database's table sizes (planner estimates) and the scale they make, which names the result files. */
export async function datasetOf(db: Client): Promise<Record<string, number> & { scale: string }> {
  const count = async (table: string) => {
    const exists = await db.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [table]);
    if (!exists.rows[0].ok) return 0;
    // Planner estimates: exact counts of 3M-row tables would take longer than they are worth here.
    const { rows } = await db.query<{ n: number }>(`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = $1::regclass`, [table]);
    return Number(rows[0].n);
  };
  const tables = ['persons', 'cases', 'case_members', 'watch_visits', 'reminders', 'notifications', 'audit_events'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await count(table);
  const persons = counts.persons;
  const scale = persons >= 900_000 ? '1m' : persons >= 90_000 ? '100k' : persons >= 15_000 ? 'ward' : 'demo';
  return { ...counts, scale } as Record<string, number> & { scale: string };
}
