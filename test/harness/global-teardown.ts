import { Client } from 'pg';
import { TEMPLATE_ENV, testServerUrls, withDatabase } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  const admin = new Client({ connectionString: withDatabase(testServerUrls().postgres, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
