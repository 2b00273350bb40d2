import Fastify from 'fastify';
import { Pool, types } from 'pg';
import { Actor } from '../src/common/auth/actor';
import { BareContext } from './bare/context';
import { registerCases } from './bare/cases';
import { registerDueList } from './bare/due-list';
import { registerInbox } from './bare/inbox';
import { registerMeasures } from './bare/measures';
import { registerPersons } from './bare/persons';
import { registerVisits } from './bare/visits';

// The same type parsing as the application (dates stay 'YYYY-MM-DD', counts are numbers).
types.setTypeParser(1082, (value: string) => value);
types.setTypeParser(20, (value: string) => Number(value));

/**
 * The baseline of `npm run bench`: Fastify and a plain `pg` pool running the
 * same SQL as each benchmarked API route (same scope conditions, same page
 * size), without NestJS, TypeORM, guards, validation or audit. It serves the
 * API's paths so a load run can be pointed at either; the actor is fixed
 * (BARE_ACTORS, chosen by the `x-bench-actor` header), as if already authenticated.
 */
async function main(): Promise<void> {
  const actors = JSON.parse(process.env.BARE_ACTORS ?? '{}') as Record<string, Actor>;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, options: '-c timezone=UTC -c jit=off -c max_parallel_workers_per_gather=0', application_name: 'hagukumi-bare' });
  const app = Fastify({ logger: false });
  const context: BareContext = {
    app,
    pool,
    actorOf: (request) => {
      const actor = actors[String(request.headers['x-bench-actor'])];
      if (!actor) throw new Error('x-bench-actor names no bench actor');
      return actor;
    },
  };
  registerPersons(context);
  registerCases(context);
  registerInbox(context);
  registerDueList(context);
  registerVisits(context);
  registerMeasures(context);
  app.get('/health/ready', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
