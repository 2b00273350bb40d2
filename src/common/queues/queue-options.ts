import type { JobsOptions, QueueOptions, WorkerOptions } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { redisConnectionOptions } from '../redis/redis.module';
import { QueueName } from './queue-catalog';

/** Connection and key prefix shared by producers and workers: the prefix is a Redis Cluster hash tag. */
export function queueBaseOptions(config: AppConfig): Pick<QueueOptions, 'connection' | 'prefix'> {
  return { connection: redisConnectionOptions(config), prefix: config.redisPrefix };
}

/**
 * One retry policy per queue. Finished jobs are removed: the database keeps
 * the record of what happened, and a removed job id can be enqueued again by
 * the reconciler if the database says it is still due.
 */
export function defaultJobOptions(queue: QueueName, config: AppConfig): JobsOptions {
  switch (queue) {
    case QueueName.Reminders:
      // A failed delivery (database unavailable) retries a few times; after that the reconciler re-enqueues it.
      return { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: true };
    case QueueName.ReminderMaintenance:
      return { attempts: 1, removeOnComplete: true, removeOnFail: true };
    case QueueName.Mail:
      return { attempts: config.mailAttempts, backoff: { type: 'exponential', delay: config.mailBackoffMs }, removeOnComplete: true, removeOnFail: true };
    case QueueName.RuleSweeps:
      // A sweep is idempotent: a failed run is retried a little later, and tomorrow's run catches up anyway.
      return { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: true, removeOnFail: true };
  }
}

export function workerOptions(queue: QueueName, config: AppConfig): Omit<WorkerOptions, 'connection'> {
  const concurrency = { [QueueName.Reminders]: config.reminderConcurrency, [QueueName.ReminderMaintenance]: 1, [QueueName.Mail]: config.mailConcurrency, [QueueName.RuleSweeps]: 1 }[queue];
  return { concurrency, lockDuration: config.jobLockMs, stalledInterval: config.jobLockMs, autorun: false };
}
