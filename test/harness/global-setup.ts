import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { TEMPLATE_ENV, TEST_DB_PREFIX, testServerUrls, uniqueName, withDatabase } from './test-env';

const STALE_AFTER_SECONDS = 3 * 60 * 60;

/**
 * Migrates one template database per run; each test file clones it
 * (`CREATE DATABASE ... TEMPLATE`), which takes milliseconds instead of
 * re-running the migrations.
 */
export default async function globalSetup(): Promise<void> {
  const { postgres } = testServerUrls();
  const admin = new Client({ connectionString: withDatabase(postgres, 'postgres') });
  await admin.connect();
  try {
    await sweepStaleDatabases(admin);
    const template = uniqueName('tpl');
    await admin.query(`CREATE DATABASE "${template}"`);
    const dataSource = new DataSource(dataSourceOptions({ databaseUrl: withDatabase(postgres, template), nodeEnv: 'test' }, { poolSize: 1, applicationName: 'hagukumi-test-setup' }));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    process.env[TEMPLATE_ENV] = template;
  } finally {
    await admin.end();
  }
}

/** Drops test databases left by runs that crashed hours ago; never touches a running run's databases. */
async function sweepStaleDatabases(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DB_PREFIX}%`]);
  const now = Math.floor(Date.now() / 1000);
  for (const { datname } of rows) {
    const created = Number(/_(\d{10})_[0-9a-f]{8}$/.exec(datname)?.[1] ?? now);
    if (now - created > STALE_AFTER_SECONDS) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
