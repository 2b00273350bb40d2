import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AutoPreparingClient } from './auto-preparing-client';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Calendar dates (`date`, OID 1082) stay 'YYYY-MM-DD' strings in raw queries
// too: a JavaScript Date would shift them by the process time zone.
types.setTypeParser(1082, (value: string) => value);
// Counts (bigint) fit comfortably in a JavaScript number for this domain.
types.setTypeParser(20, (value: string) => Number(value));

/**
 * The single description of the database, used by the Nest module, the
 * migration CLI, the seeds and the test harness alike.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'nodeEnv'>, overrides: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // TypeORM's own logger prints failing queries with their parameters (personal data):
    // errors are logged by the problem filter instead, by request id and message only.
    logging: false,
    applicationName: overrides.applicationName ?? 'hagukumi',
    poolSize: overrides.poolSize ?? 20,
    connectTimeoutMS: 5_000,
    extra: {
      // Never let a stuck query hold a pooled connection forever.
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      // JIT off: the scope checks are correlated sub-queries that almost never run (a flag or an office decides
      // first), but the planner prices each one for every row, so a 3 ms search looked like millions of cost
      // units and paid ~100 ms of JIT compilation per call (EXPLAIN at the 1m scale). Plans here are short.
      // Parallel query off too: a Gather starts background workers for each execution, which cost the overdue list's
      // page 4-5 ms of its 5-7 ms at the 1m scale (0.5 ms serial); on a busy server the cores are taken by other
      // requests anyway. The longest statements, the fiscal-year report's, measured no slower without it (bench:measures).
      options: '-c timezone=UTC -c jit=off -c max_parallel_workers_per_gather=0',
      // Repeated statements run prepared (parsed once per connection, planned once when a generic plan will do).
      Client: AutoPreparingClient,
    },
  };
}
