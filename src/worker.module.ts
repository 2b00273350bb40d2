import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueWorkers } from './common/queues/queue-workers';
import { QueuesModule } from './common/queues/queues.module';
import { RedisModule } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuditWorkerModule } from './modules/audit/audit-worker.module';
import { RemindersWorkerModule } from './modules/reminders/reminders-worker.module';
import { CaseRemindersModule } from './modules/cases/case-reminders.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { FacilityRoundsWorkerModule } from './modules/facility-rounds/facility-rounds-worker.module';
import { WatchVisitsWorkerModule } from './modules/watch-visits/watch-visits-worker.module';

/** The worker process: queue processors and schedulers only, no HTTP. */
@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forConfig(config), DatabaseModule.forProcess('hagukumi-worker'), RedisModule, QueuesModule, DiscoveryModule, AuditModule, AuditWorkerModule, RemindersModule, RemindersWorkerModule, CaseRemindersModule, WatchVisitsWorkerModule, FacilityRoundsWorkerModule],
      providers: [QueueWorkers],
      exports: [QueueWorkers],
    };
  }
}
