import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JsonLogger } from '../../../common/logging/json-logger';
import { JobName, QueueName } from '../../../common/queues/queue-catalog';
import { QueuesService } from '../../../common/queues/queues.service';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

export const RECONCILER_SCHEDULER_ID = 'reminder-reconciler';

/**
 * Keeps the reconciler's BullMQ job scheduler in place (every
 * RECONCILE_EVERY_MS). The scheduler lives in Redis, so a FLUSHALL erases it
 * too: each worker checks on the same period and puts it back when missing.
 * Upserting is idempotent, so several workers doing this is harmless.
 */
@Injectable()
export class ReconcileSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private readonly logger: JsonLogger;

  constructor(private readonly queues: QueuesService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.logger = new JsonLogger(config.logLevel, 'worker');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.upsert();
    this.timer = setInterval(() => void this.ensure(), this.config.reconcileEveryMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async ensure(): Promise<void> {
    try {
      const existing = await this.queues.queue(QueueName.ReminderMaintenance).getJobScheduler(RECONCILER_SCHEDULER_ID);
      if (!existing) {
        this.logger.event('warn', 'reconciler schedule was missing from Redis; restoring it', {});
        await this.upsert();
      }
    } catch (error) {
      this.logger.event('warn', 'could not check the reconciler schedule', { error: String(error) });
    }
  }

  private async upsert(): Promise<void> {
    await this.queues
      .queue(QueueName.ReminderMaintenance)
      .upsertJobScheduler(RECONCILER_SCHEDULER_ID, { every: this.config.reconcileEveryMs }, { name: JobName.ReconcileReminders, data: {} });
  }
}
