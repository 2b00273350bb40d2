import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';

/** Applies pending migrations (`npm run migrate`); `--revert` undoes the last one. */
async function main(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig(), { poolSize: 2, applicationName: 'hagukumi-migrate' }));
  await dataSource.initialize();
  try {
    if (process.argv.includes('--revert')) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
    } else {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n` : 'schema is up to date\n');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
