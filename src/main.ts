import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { JsonLogger } from './common/logging/json-logger';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = new JsonLogger(config.logLevel, 'api');
  const app = await createHttpApp(config, { logger });
  await app.listen({ port: config.port, host: config.host });
  logger.event('info', 'api listening', { url: `http://${config.host}:${config.port}`, docs: `http://${config.host}:${config.port}/api/docs` });
  // enableShutdownHooks: on SIGTERM Nest closes Fastify (in-flight requests finish) and then the pools.
}

export function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
