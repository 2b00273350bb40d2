import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { QueueWorkers } from '../../src/common/queues/queue-workers';
import { AppConfig } from '../../src/config/app-config';
import { WorkerModule } from '../../src/worker.module';

/**
 * The real worker context (processors, reconciler) in the test process, on the
 * same database and Redis prefix as a TestApp: `TestWorker.start(t.config)`.
 * Several may be open at once (to test restarts); close each one.
 */
export class TestWorker {
  private constructor(readonly app: INestApplicationContext, readonly config: AppConfig) {}

  static async start(base: AppConfig, overrides: Partial<AppConfig> = {}): Promise<TestWorker> {
    const config = { ...base, ...overrides };
    const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: new JsonLogger(config.logLevel, 'worker-test'), abortOnError: false });
    await app.init();
    await app.get(QueueWorkers).waitUntilReady();
    return new TestWorker(app, config);
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  get<T>(token: new (...args: never[]) => T): T {
    return this.app.get(token);
  }

  /** Graceful, like SIGTERM: running jobs finish, then the pools close. */
  async close(): Promise<void> {
    await this.app.close();
  }
}
