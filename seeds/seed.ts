import 'reflect-metadata';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { seedDemoCases } from './demo-cases';
import { seedPregnancyDemo } from './demo-pregnancy';
import { seedDemoShortStays } from './demo-short-stays';
import { seedDemoReferrals } from './demo-referrals';
import { DEMO_USERS } from './demo-users';
import { seedDemoVisits } from './demo-visits';
import { seedMeasureTargets } from './measure-targets';
import { WARD_OFFICES } from './offices';

/**
 * `npm run seed`: idempotent. Offices are always loaded; demo users and the
 * demo records of each feature only outside production. Running it again
 * changes nothing but demo passwords, which are reset to DEMO_PASSWORD so the
 * demo logins always work. Tests take the demo users without the demo
 * records (`demoRecords: false`) so their counts start from an empty office.
 */
export async function seed(dataSource: DataSource, options: { demo: boolean; demoPassword: string; demoRecords?: boolean }): Promise<void> {
  const demoRecords = options.demo && (options.demoRecords ?? true);
  await dataSource.transaction(async (manager) => {
    await seedOffices(manager);
    await seedMeasureTargets(manager);
    if (options.demo) await seedDemoUsers(manager, options.demoPassword);
    if (demoRecords) {
      await seedDemoCases(manager);
      await seedPregnancyDemo(manager);
      await seedDemoShortStays(manager);
      await seedDemoVisits(manager);
      await seedDemoReferrals(manager);
    }
  });
}

async function seedOffices(manager: EntityManager): Promise<void> {
  for (const office of WARD_OFFICES) {
    await manager.query(
      `INSERT INTO offices (code, name, type, is_main) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, is_main = EXCLUDED.is_main
       WHERE (offices.name, offices.type, offices.is_main) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.is_main)`,
      [office.code, office.name, office.type, office.isMain],
    );
  }
}

async function seedDemoUsers(manager: EntityManager, password: string): Promise<void> {
  const hash = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  for (const user of DEMO_USERS) {
    await manager.query(
      `INSERT INTO users (login_id, display_name, email, office_id, roles, password_hash)
       SELECT $1, $2, $3, o.id, $5::user_role[], $6 FROM offices o WHERE o.code = $4
       ON CONFLICT (lower(login_id)) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true, locked_until = NULL, failed_login_count = 0`,
      [user.loginId, user.displayName, user.email, user.officeCode, user.roles, hash],
    );
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const demo = config.nodeEnv !== 'production';
  const dataSource = new DataSource(dataSourceOptions(config, { poolSize: 2, applicationName: 'hagukumi-seed' }));
  await dataSource.initialize();
  try {
    await seed(dataSource, { demo, demoPassword: config.demoPassword });
    process.stdout.write(demo ? `seeded ${WARD_OFFICES.length} offices and ${DEMO_USERS.length} demo users\n` : `seeded ${WARD_OFFICES.length} offices (demo users are never created in production)\n`);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
