import { randomBytes } from 'node:crypto';

/** Server-level connection strings for the test run (databases are created per file). */
export function testServerUrls(): { postgres: string; redis: string } {
  return {
    postgres: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redis: process.env.TEST_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379/0',
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Test database names carry their creation time so leftovers of crashed runs can be swept safely. */
export const TEST_DB_PREFIX = 'hgk_t_';

export function uniqueName(kind: string): string {
  return `${TEST_DB_PREFIX}${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

export const TEMPLATE_ENV = 'HAGUKUMI_TEST_TEMPLATE_DB';
