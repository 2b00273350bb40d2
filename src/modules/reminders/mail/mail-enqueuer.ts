import { Inject, Injectable } from '@nestjs/common';
import { withTimeout } from '../../../common/async/with-timeout';
import { JsonLogger } from '../../../common/logging/json-logger';
import { JobName } from '../../../common/queues/queue-catalog';
import { QueuesService } from '../../../common/queues/queues.service';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

const ENQUEUE_TIMEOUT_MS = 2_000;
const BULK_SIZE = 1_000;

/** Enqueues one send job per pending mail delivery; the job id is the delivery id, so enqueueing twice is a no-op. */
@Injectable()
export class MailEnqueuer {
  private readonly logger: JsonLogger;
  /** Without SMTP_URL the e-mail channel is off: no mail deliveries are recorded. */
  readonly enabled: boolean;

  constructor(private readonly queues: QueuesService, @Inject(APP_CONFIG) config: AppConfig) {
    this.logger = new JsonLogger(config.logLevel, 'mail');
    this.enabled = config.smtpUrl !== null;
  }

  static jobId(mailDeliveryId: string): string {
    return `mail-${mailDeliveryId}`;
  }

  /** Answers whether the jobs reached the queue; on failure the rows stay pending and the reconciler retries. */
  async enqueue(mailDeliveryIds: string[]): Promise<boolean> {
    try {
      for (let start = 0; start < mailDeliveryIds.length; start += BULK_SIZE) {
        const batch = mailDeliveryIds.slice(start, start + BULK_SIZE).map((id) => ({ payload: { mailDeliveryId: id }, jobId: MailEnqueuer.jobId(id) }));
        await withTimeout(this.queues.addBulk(JobName.SendMail, batch), ENQUEUE_TIMEOUT_MS, 'mail enqueue');
      }
      return true;
    } catch (error) {
      this.logger.event('warn', 'mail enqueue failed; the reconciler will enqueue it', { count: mailDeliveryIds.length, error: String(error) });
      return false;
    }
  }
}
