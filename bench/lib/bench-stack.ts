import path from 'node:path';
import { Client } from 'pg';
import { Actor } from '../../src/common/auth/actor';
import { Role } from '../../src/common/auth/roles';
import { benchDatabaseUrl } from '../generate';
import { BenchActor } from '../scenarios/scenario';
import { cleanups } from './main';
import { PrivateRedis } from './private-redis';
import { MeasuredProcess } from './processes';
import { login, ROOT, Stack } from './stack';

/** What a bench command runs against, started and registered for clean-up. */
export interface BenchStack {
  databaseUrl: string;
  /** A client of the bench database, for the command's own set-up and counts. */
  db: Client;
  stack: Stack;
  /** The first API's base URL. */
  api: string;
  worker: MeasuredProcess;
  /** How long the worker's start-up sweeps took (seconds). */
  sweepSeconds: number;
  actors: Record<BenchActor, Actor>;
  /** Bearer tokens of the actors, from the first API. */
  tokens: Record<BenchActor, string>;
}

export interface BenchStackOptions {
  /** Names the private Redis and the log folder (`bench`, `soak`, `scale-out`). */
  name: string;
  /** Extra environment of the API and worker processes. */
  env?: Record<string, string>;
  /** Runs on the database before the processes start (clearing what an earlier, interrupted run left). */
  beforeStart?: (db: Client) => Promise<void>;
}

/**
 * The start every bench command shares: the generated bench database (refused
 * when empty), a private redis-server, the real API and worker with the
 * worker's start-up sweeps done, and the bench's consultant and supervisor
 * signed in. Everything started is stopped by `runBench`'s clean-up.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const databaseUrl = benchDatabaseUrl();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  const { rows } = await db.query<{ n: string | null }>(`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = to_regclass('persons')`);
  if (!rows[0] || Number(rows[0].n) === 0) throw new Error('the bench database is empty: run `npm run bench:generate -- --scale 1m` first');
  if (options.beforeStart) await options.beforeStart(db);

  const redis = await PrivateRedis.create(ROOT, `${options.name}-redis`);
  cleanups.push(() => redis.destroy());
  await redis.start();
  const logDir = path.join(ROOT, 'bench/results/tmp', `${options.name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const stack = new Stack({ databaseUrl, redisUrl: redis.url, logDir, env: options.env });
  cleanups.push(() => stack.stop());
  const api = await stack.startApi();
  const worker = await stack.startWorker();
  const sweepSeconds = await stack.waitForStartupSweeps();
  await vacuumChurnedTables(db);

  const actors = await benchActors(db);
  const password = process.env.DEMO_PASSWORD || 'hagukumi-demo';
  const tokens: Record<BenchActor, string> = {
    consultant: await login(api, actors.consultant.loginId, password),
    supervisor: await login(api, actors.supervisor.loginId, password),
  };
  return { databaseUrl, db, stack, api, worker, sweepSeconds, actors, tokens };
}

/** A generated consultant and supervisor of the first centre: the bench signs in as them. */
export async function benchActors(db: Client): Promise<Record<BenchActor, Actor>> {
  const pick = async (role: Role): Promise<Actor> => {
    const { rows } = await db.query<{ id: string; login_id: string; office_id: string; roles: Role[]; consultant_scope: 'office' | 'assigned' }>(
      // The one leading the most open cases (with the generator's spread, some consultants lead closed cases only).
      // With the office's consultant rule, as the API's token check reads it: the bare handler then runs the same scope SQL.
      `SELECT u.id, u.login_id, u.office_id, u.roles::text[] AS roles, o.consultant_scope
         FROM bench_staff s JOIN users u ON u.id = s.user_id JOIN offices o ON o.id = u.office_id
        WHERE s.office_idx = 0 AND $1 = ANY (u.roles)
        ORDER BY (SELECT count(*) FROM cases c WHERE c.lead_worker_id = u.id AND c.status <> 'closed') DESC, s.n LIMIT 1`,
      [role],
    );
    if (!rows[0]) throw new Error(`no generated ${role}: is the bench database generated?`);
    return { userId: rows[0].id, loginId: rows[0].login_id, officeId: rows[0].office_id, roles: rows[0].roles, sessionId: 'bench', consultantScope: rows[0].consultant_scope };
  };
  return { consultant: await pick(Role.Consultant), supervisor: await pick(Role.Supervisor) };
}

/**
 * The tables the benches' writes and the worker churn. The bench machine's
 * PostgreSQL runs without autovacuum, so their dead rows piled up from one run
 * to the next (120k in audit_outbox, whose every row is deleted moments after
 * its insert, and 150k in reminders after a day of runs) and each run measured
 * a more bloated database than the last; a deployment's autovacuum keeps them
 * down. Each run now starts from them vacuumed (statistics left as they are,
 * so plans do not move between runs).
 */
const CHURNED_TABLES = ['audit_outbox', 'audit_events', 'reminders', 'notifications', 'watch_visits', 'watch_visit_children', 'watch_visit_plans'];

async function vacuumChurnedTables(db: Client): Promise<void> {
  const { rows } = await db.query<{ dead: string }>(`SELECT coalesce(sum(n_dead_tup), 0)::bigint AS dead FROM pg_stat_user_tables WHERE relname = ANY ($1)`, [CHURNED_TABLES]);
  const started = Date.now();
  await db.query(`VACUUM ${CHURNED_TABLES.join(', ')}`);
  process.stdout.write(`[bench] vacuumed ${CHURNED_TABLES.length} churned tables (${rows[0].dead} dead rows) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
