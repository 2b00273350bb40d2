import { Inject, Injectable } from '@nestjs/common';
import { withTimeout } from '../../../common/async/with-timeout';
import { JsonLogger } from '../../../common/logging/json-logger';
import { JobName } from '../../../common/queues/queue-catalog';
import { QueuesService } from '../../../common/queues/queues.service';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

/** A reminder version to deliver at its due time. */
export interface DueReminder {
  id: string;
  version: number;
  dueAt: Date;
}

/** Long enough for a healthy Redis under load; short enough that a request never waits long on an outage. */
const ENQUEUE_TIMEOUT_MS = 2_000;
const BULK_SIZE = 1_000;

/**
 * Puts delivery jobs on the queue. The job id is the reminder id and version,
 * so enqueueing twice is a no-op and a rescheduled reminder's old job cannot
 * deliver the new version. Failures are logged, never thrown: the reminder is
 * safe in the database and the reconciler enqueues it on its next pass.
 */
@Injectable()
export class ReminderEnqueuer {
  private readonly logger: JsonLogger;

  constructor(private readonly queues: QueuesService, @Inject(APP_CONFIG) config: AppConfig) {
    this.logger = new JsonLogger(config.logLevel, 'reminders');
  }

  static jobId(reminderId: string, version: number): string {
    // BullMQ job ids may not contain ':'.
    return `reminder-${reminderId}-v${version}`;
  }

  /** Answers whether the jobs reached the queue. */
  async enqueue(reminders: DueReminder[]): Promise<boolean> {
    try {
      for (let start = 0; start < reminders.length; start += BULK_SIZE) {
        const now = Date.now();
        const batch = reminders.slice(start, start + BULK_SIZE).map((r) => ({
          payload: { reminderId: r.id, version: r.version },
          jobId: ReminderEnqueuer.jobId(r.id, r.version),
          delayMs: r.dueAt.getTime() - now,
        }));
        await withTimeout(this.queues.addBulk(JobName.DeliverReminder, batch), ENQUEUE_TIMEOUT_MS, 'reminder enqueue');
      }
      return true;
    } catch (error) {
      this.logger.event('warn', 'reminder enqueue failed; the reconciler will enqueue it', { count: reminders.length, error: String(error) });
      return false;
    }
  }

  /** Best effort: drops superseded jobs so they do not sit in Redis until their old due time (they would do nothing). */
  async forget(reminders: Array<{ id: string; version: number }>): Promise<void> {
    try {
      for (const r of reminders) {
        await withTimeout(this.queues.remove(JobName.DeliverReminder, ReminderEnqueuer.jobId(r.id, r.version)), ENQUEUE_TIMEOUT_MS, 'job removal');
      }
    } catch (error) {
      this.logger.event('debug', 'superseded reminder job not removed', { error: String(error) });
    }
  }
}
