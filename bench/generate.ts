import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { seed } from '../seeds/seed';
import { generateAuditEvents } from './generate/audit';
import { generateCore } from './generate/core';
import { generateProgrammes } from './generate/programmes';
import { generateReminders } from './generate/reminders';
import { generateVisits } from './generate/visits';
import { SCALES } from './generate/scales';

/**
 * `npm run bench:generate -- --scale ward|100k|1m`: a fresh database
 * (BENCH_DATABASE_URL, default .../hagukumi_bench) with synthetic but
 * realistic data, then ANALYZE. Every person in it is fictitious.
 */
async function main(): Promise<void> {
  const scaleName = argument('--scale') ?? 'ward';
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`unknown scale "${scaleName}"; use one of ${Object.keys(SCALES).join(', ')}`);
  const url = benchDatabaseUrl();
  await recreateDatabase(url);
  const started = Date.now();
  const log = (message: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  const options = dataSourceOptions({ ...loadConfig(), databaseUrl: url }, { poolSize: 2, applicationName: 'hagukumi-bench-generate' });
  // Bulk INSERT ... SELECT at the 1m scale runs longer than the application's 30 s statement limit.
  const dataSource = new DataSource({ ...options, extra: { ...(options.extra as object), statement_timeout: 0 } } as typeof options);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seed(dataSource, { demo: true, demoPassword: process.env.DEMO_PASSWORD || 'hagukumi-demo' });
    log(`migrated and seeded ${url.replace(/\/\/[^@]*@/, '//')}`);
    await generateCore(dataSource, scale, log);
    // Feature tables, each from its own file; they lean on the bench_* maps the core leaves behind.
    await generateVisits(dataSource, scale, log);
    await generateProgrammes(dataSource, scale, log);
    await generateReminders(dataSource, scale, log);
    await generateAuditEvents(dataSource, scale, log);
    // VACUUM as well: a long-running database has its visibility map set, so index-only scans read no heap.
    await dataSource.query('VACUUM ANALYZE');
    log(`done: scale ${scale.name}`);
  } finally {
    await dataSource.destroy();
  }
}

export function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const base = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hagukumi');
  base.pathname = '/hagukumi_bench';
  return base.toString();
}

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[A-Za-z0-9_]+$/.test(name) || !name.includes('bench')) throw new Error('the bench database name must contain "bench" (it is dropped and recreated)');
  target.pathname = '/postgres';
  const admin = new Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`generation failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
