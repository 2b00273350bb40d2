import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../../../common/logging/json-logger';
import { HandlesJob, JobHandler } from '../../../common/queues/job-handler';
import { JobName, JobPayloads } from '../../../common/queues/queue-catalog';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { sqlRows } from '../../../database/sql';
import { MailDeliveryState } from './mail-delivery.entity';
import { Mailer } from './mailer';
import { reminderMail } from './reminder-mail';

interface MailFacts {
  state: MailDeliveryState;
  email: string | null;
  wants_mail: boolean;
  notification_id: string;
  title: string;
  due_at: Date;
  subject_type: string;
  subject_id: string;
  urgent: boolean;
}

const MAX_ERROR_LENGTH = 300;

/**
 * Sends one reminder e-mail. A failure is recorded on the delivery row and
 * rethrown so BullMQ retries with the queue's back-off; after the last attempt
 * the row is marked failed, which is what admins see. The in-app notification
 * was committed before this job existed, so a slow or absent mail server never
 * delays it.
 */
@Injectable()
@HandlesJob(JobName.SendMail)
export class MailSendHandler implements JobHandler<JobName.SendMail> {
  private readonly logger: JsonLogger;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.logger = new JsonLogger(config.logLevel, 'mail');
  }

  async handle({ mailDeliveryId }: JobPayloads[JobName.SendMail], job: Job): Promise<string> {
    const [facts] = await sqlRows<MailFacts>(
      this.dataSource,
      `SELECT md.state, u.email, (u.active AND u.email_notifications) AS wants_mail,
              n.id AS notification_id, n.title, n.due_at, n.subject_type, n.subject_id, n.urgent
       FROM mail_deliveries md JOIN users u ON u.id = md.user_id JOIN notifications n ON n.id = md.notification_id
       WHERE md.id = $1`,
      [mailDeliveryId],
    );
    if (!facts || facts.state !== MailDeliveryState.Pending) return 'stale';
    if (!facts.email || !facts.wants_mail) {
      await this.dataSource.query(`UPDATE mail_deliveries SET state = 'skipped', updated_at = now() WHERE id = $1 AND state = 'pending'`, [mailDeliveryId]);
      return 'skipped';
    }
    try {
      await this.mailer.send(
        reminderMail(
          { to: facts.email, notificationId: facts.notification_id, title: facts.title, dueAt: facts.due_at, subjectType: facts.subject_type, subjectId: facts.subject_id, urgent: facts.urgent },
          this.config.publicBaseUrl,
        ),
      );
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.recordFailure(mailDeliveryId, describe(error), final);
      this.logger.event(final ? 'error' : 'warn', final ? 'reminder e-mail failed for good' : 'reminder e-mail failed; will retry', { mailDeliveryId, attempt: job.attemptsMade + 1, code: codeOf(error) });
      throw error;
    }
    await this.dataSource.query(`UPDATE mail_deliveries SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL, updated_at = now() WHERE id = $1`, [mailDeliveryId]);
    return 'sent';
  }

  private async recordFailure(id: string, message: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_deliveries SET attempts = attempts + 1, last_error = $2, updated_at = now(),
         state = CASE WHEN $3 THEN 'failed'::mail_delivery_state ELSE state END,
         failed_at = CASE WHEN $3 THEN now() ELSE failed_at END
       WHERE id = $1 AND state = 'pending'`,
      [id, message, final],
    );
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** For the admins' failure list: the error code and message, shortened. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  return (code ? `${code}: ${message}` : message).slice(0, MAX_ERROR_LENGTH);
}
