import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { verifyAuditChain } from '../src/modules/audit/audit-chain';

/** `npm run audit:verify`: exits 0 when the chain is intact, 2 with the first broken link otherwise. */
async function main(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig(), { poolSize: 1, applicationName: 'hagukumi-audit-verify' }));
  await dataSource.initialize();
  try {
    const result = await verifyAuditChain(dataSource);
    if (result.ok) {
      process.stdout.write(`audit chain intact: ${result.checked} event(s) verified\n`);
    } else {
      process.stdout.write(`audit chain BROKEN at event id ${result.firstBrokenId} (${result.problem}); ${result.checked} event(s) checked\n`);
      process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit verification failed to run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
