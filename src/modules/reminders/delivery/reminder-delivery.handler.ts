import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../../../common/logging/json-logger';
import { HandlesJob, JobHandler } from '../../../common/queues/job-handler';
import { JobName, JobPayloads } from '../../../common/queues/queue-catalog';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { sqlRows } from '../../../database/sql';
import { MailEnqueuer } from '../mail/mail-enqueuer';
import { ReminderState } from '../reminder.entity';
import { ReminderRecipient } from '../recipients/reminder-recipient';
import { RecipientResolution } from './recipient-resolution';

/** A job may run a little before the due time (clock skew between hosts); more than this and it is not the job for this time. */
const EARLY_TOLERANCE_MS = 1_000;

type Outcome = 'delivered' | 'failed' | 'stale' | 'early';

interface LockedReminder {
  id: string;
  state: ReminderState;
  version: number;
  due_at: Date;
  recipients: ReminderRecipient[];
}

/**
 * Delivers one reminder version to the inboxes, exactly once in effect: under
 * the row lock it checks the reminder is still scheduled at the version the
 * job carries, writes the notifications and marks it delivered, all in one
 * transaction. A second job for the same version finds it delivered and does
 * nothing. E-mails are separate jobs, enqueued after the commit.
 */
@Injectable()
@HandlesJob(JobName.DeliverReminder)
export class ReminderDeliveryHandler implements JobHandler<JobName.DeliverReminder> {
  private readonly logger: JsonLogger;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolution: RecipientResolution,
    private readonly mail: MailEnqueuer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.logger = new JsonLogger(config.logLevel, 'worker');
  }

  async handle({ reminderId, version }: JobPayloads[JobName.DeliverReminder]): Promise<Outcome> {
    let mailIds: string[] = [];
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const [reminder] = await sqlRows<LockedReminder>(manager, `SELECT id, state, version, due_at, recipients FROM reminders WHERE id = $1 FOR UPDATE`, [reminderId]);
      if (!reminder || reminder.state !== ReminderState.Scheduled || reminder.version !== version) return 'stale';
      if (reminder.due_at.getTime() > Date.now() + EARLY_TOLERANCE_MS) return 'early';

      const { users, unresolved } = await this.resolution.resolve(manager, reminder.recipients);
      if (users.length === 0) {
        await manager.query(
          `UPDATE reminders SET state = 'failed', unresolved_recipients = $2, failure_reason = 'no_recipient', updated_at = now() WHERE id = $1`,
          [reminderId, JSON.stringify(unresolved)],
        );
        return 'failed';
      }
      const inserted = await sqlRows<{ id: string; user_id: string }>(
        manager,
        `INSERT INTO notifications (user_id, reminder_id, reminder_version, rule, subject_type, subject_id, title, urgent, due_at)
         SELECT u.id, r.id, r.version, r.rule, r.subject_type, r.subject_id, r.title, r.urgent, r.due_at
         FROM reminders r CROSS JOIN unnest($2::uuid[]) AS u (id)
         WHERE r.id = $1
         ON CONFLICT ON CONSTRAINT notifications_delivery_key DO NOTHING
         RETURNING id, user_id`,
        [reminderId, users.map((u) => u.id)],
      );
      if (this.mail.enabled) {
        const mailable = new Set(users.filter((u) => u.mailable).map((u) => u.id));
        const toMail = inserted.filter((n) => mailable.has(n.user_id));
        if (toMail.length > 0) {
          mailIds = (
            await sqlRows<{ id: string }>(
              manager,
              `INSERT INTO mail_deliveries (notification_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) RETURNING id`,
              [toMail.map((n) => n.id), toMail.map((n) => n.user_id)],
            )
          ).map((row) => row.id);
        }
      }
      await manager.query(
        `UPDATE reminders SET state = 'delivered', delivered_at = now(), unresolved_recipients = $2, updated_at = now() WHERE id = $1`,
        [reminderId, unresolved.length ? JSON.stringify(unresolved) : null],
      );
      return 'delivered';
    });
    if (outcome === 'failed') this.logger.event('warn', 'reminder had nobody to notify', { reminderId, version });
    // After the commit: if this fails, the mail rows stay pending and the reconciler enqueues them.
    await this.mail.enqueue(mailIds);
    return outcome;
  }
}
