import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** CPU time (user + system) a process has used so far, in seconds; 0 once it is gone. */
export function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the parenthesised command name: utime and stime are fields 14 and 15, in clock ticks (100 per second).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used by the PostgreSQL backends serving one application name (the
 * API's pool, or the bare server's), read from /proc: on a shared machine
 * this, not wall-clock throughput, says what a request costs.
 */
export async function backendCpuSeconds(db: Client, applicationName: string): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [applicationName]);
  return new Map(rows.map((r) => [r.pid, cpuSecondsOf(r.pid)]));
}

/** CPU the backends used between two readings (backends opened in between count from zero). */
export function backendCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
