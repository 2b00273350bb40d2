import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from './common/logging/json-logger';
import { loadConfigOrExit } from './main';
import { WorkerModule } from './worker.module';

/**
 * Worker entry: runs the queue processors and the reminder reconciler.
 * On SIGTERM, Nest's shutdown hooks close the workers (letting running jobs
 * finish) before the database pool and Redis connections.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = new JsonLogger(config.logLevel, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger });
  app.enableShutdownHooks();
  await app.init();
  logger.event('info', 'worker started', {});
}

main().catch((error: unknown) => {
  process.stderr.write(`Worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
