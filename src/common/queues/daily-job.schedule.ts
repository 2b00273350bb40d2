import { JsonLogger } from '../logging/json-logger';
import { todayInJapan } from '../time/japan-time';
import { JobName, queueOf } from './queue-catalog';
import { QueuesService } from './queues.service';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * A job run once a day at a Japan time (a BullMQ job scheduler), and once
 * when a worker starts, so a fresh deployment (or the demo) does not wait for
 * the first morning. The jobs must be idempotent. The scheduler lives in
 * Redis, so a FLUSHALL erases it: the worker checks hourly and puts it back.
 * Upserting is idempotent, so several workers doing this is harmless.
 */
export class DailyJobSchedule {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queues: QueuesService,
    private readonly logger: JsonLogger,
    private readonly job: JobName,
    private readonly at: { hour: number; minute: number },
  ) {}

  get schedulerId(): string {
    return `daily-${this.job}`;
  }

  async start(): Promise<void> {
    await this.upsert();
    // One start-up run per day and job: workers starting together share it (same job id).
    await this.queues.add(this.job, {}, { jobId: `${this.schedulerId}-start-${todayInJapan()}` });
    this.timer = setInterval(() => void this.ensure(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async ensure(): Promise<void> {
    try {
      if (!(await this.queues.queue(queueOf(this.job)).getJobScheduler(this.schedulerId))) {
        this.logger.event('warn', 'daily job schedule was missing from Redis; restoring it', { job: this.job });
        await this.upsert();
      }
    } catch (error) {
      this.logger.event('warn', 'could not check a daily job schedule', { job: this.job, error: String(error) });
    }
  }

  private async upsert(): Promise<void> {
    await this.queues
      .queue(queueOf(this.job))
      .upsertJobScheduler(this.schedulerId, { pattern: `${this.at.minute} ${this.at.hour} * * *`, tz: 'Asia/Tokyo' }, { name: this.job, data: {} });
  }
}
