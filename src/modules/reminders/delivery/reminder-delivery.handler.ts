import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GroupCommit } from '../../../common/async/group-commit';
import { Role } from '../../../common/auth/roles';
import { JsonLogger } from '../../../common/logging/json-logger';
import { HandlesJob, JobHandler } from '../../../common/queues/job-handler';
import { JobName, JobPayloads } from '../../../common/queues/queue-catalog';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { sqlRows } from '../../../database/sql';
import { MailEnqueuer } from '../mail/mail-enqueuer';
import { ReminderState } from '../reminder.entity';
import { ReminderRecipient, UnresolvedRecipient } from '../recipients/reminder-recipient';
import { RecipientResolution } from './recipient-resolution';

/** A job may run a little before the due time (clock skew between hosts); more than this and it is not the job for this time. */
const EARLY_TOLERANCE_MS = 1_000;

type Outcome = 'delivered' | 'failed' | 'stale' | 'early';
/** In a batch: the row was locked by another transaction (or is gone), so it is delivered alone afterwards. */
type Attempt = Outcome | 'busy';

interface LockedReminder {
  id: string;
  state: ReminderState;
  version: number;
  due_at: Date;
  office_id: string;
  recipients: ReminderRecipient[];
}

/** Batches of deliveries running at once per worker: enough to keep the database busy while the next batch gathers. */
const DELIVERY_BATCHES_IN_FLIGHT = 4;

type Payload = JobPayloads[JobName.DeliverReminder];

/**
 * Delivers reminder versions to the inboxes, exactly once in effect: under
 * the row lock it checks the reminder is still scheduled at the version the
 * job carries, writes the notifications and marks it delivered, all in one
 * transaction. A second job for the same version finds it delivered and does
 * nothing. E-mails are separate jobs, enqueued after the commit.
 *
 * The jobs running at once in this worker are delivered together (group
 * commit, up to REMINDER_BATCH_SIZE per transaction): one lock query, one
 * recipient lookup, one insert and one update for the batch instead of for
 * each job. Each job still answers its own outcome; if a batch fails, its
 * jobs are delivered one by one, so one bad reminder fails only its own job.
 * A batch never waits for a row lock (SKIP LOCKED): a reminder some other
 * transaction holds (a module rescheduling it right now) is delivered alone
 * afterwards, in a transaction that locks only its own row. So a batch never
 * holds some rows while waiting for another — no deadlock with the
 * scheduling service, which locks a key's due row, then its escalation —
 * and one busy row does not hold up the rest of its batch.
 */
@Injectable()
@HandlesJob(JobName.DeliverReminder)
export class ReminderDeliveryHandler implements JobHandler<JobName.DeliverReminder> {
  private readonly logger: JsonLogger;
  private readonly batches: GroupCommit<Payload, Attempt>;
  private readonly singles: GroupCommit<Payload, Attempt>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolution: RecipientResolution,
    private readonly mail: MailEnqueuer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.logger = new JsonLogger(config.logLevel, 'worker');
    this.batches = new GroupCommit((items) => this.deliver(items, true), config.reminderBatchSize, DELIVERY_BATCHES_IN_FLIGHT);
    // One at a time per transaction, and few at once: each may wait for its row while holding a pool connection.
    this.singles = new GroupCommit((items) => this.deliver(items, false), 1, DELIVERY_BATCHES_IN_FLIGHT);
  }

  async handle(payload: Payload): Promise<Outcome> {
    const item = { reminderId: payload.reminderId, version: payload.version };
    const attempt = await this.batches.submit(item);
    return attempt === 'busy' ? ((await this.singles.submit(item)) as Outcome) : attempt;
  }

  /**
   * One transaction for the items; answers each one's outcome, in order.
   * `skipLocked` (batches): rows locked elsewhere are left out and answered 'busy'.
   */
  private async deliver(items: Payload[], skipLocked: boolean): Promise<Attempt[]> {
    const outcomes: Attempt[] = items.map(() => 'stale');
    let mailIds: string[] = [];
    const failed: Array<{ id: string; version: number }> = [];
    await this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(items.map((item) => item.reminderId))];
      const rows = await sqlRows<LockedReminder>(
        manager,
        `SELECT id, state, version, due_at, office_id, recipients FROM reminders WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      const now = Date.now();
      const due: Array<{ reminder: LockedReminder; index: number }> = [];
      const claimed = new Set<string>();
      items.forEach((item, index) => {
        const reminder = byId.get(item.reminderId);
        if (!reminder && skipLocked) {
          outcomes[index] = 'busy';
          return;
        }
        // Not found, not scheduled, another version, or the same version twice in this batch: nothing to do.
        if (!reminder || reminder.state !== ReminderState.Scheduled || reminder.version !== item.version || claimed.has(reminder.id)) return;
        if (reminder.due_at.getTime() > now + EARLY_TOLERANCE_MS) {
          outcomes[index] = 'early';
          return;
        }
        claimed.add(reminder.id);
        due.push({ reminder, index });
      });
      if (due.length === 0) return;

      const resolutions = await this.resolution.resolveMany(
        manager,
        due.map((d) => ({ officeId: d.reminder.office_id, recipients: d.reminder.recipients })),
      );
      // Nobody it names can be reached (deactivated, moved to another office, a role left empty): the office's
      // supervisors take the follow-up, as they do a case's without its lead worker. It fails only if they are none.
      const orphaned = due.flatMap((_d, k) => (resolutions[k].users.length === 0 ? [k] : []));
      if (orphaned.length > 0) {
        const supervisors = await this.resolution.resolveMany(
          manager,
          orphaned.map((k) => ({ officeId: due[k].reminder.office_id, recipients: [{ kind: 'office_role', officeId: due[k].reminder.office_id, role: Role.Supervisor }] })),
        );
        orphaned.forEach((k, i) => (resolutions[k] = { users: supervisors[i].users, unresolved: resolutions[k].unresolved }));
      }
      const toFail: Array<{ id: string; unresolved: UnresolvedRecipient[] }> = [];
      const toMark: Array<{ id: string; unresolved: UnresolvedRecipient[] | null }> = [];
      const pairs = { reminderIds: [] as string[], userIds: [] as string[] };
      const mailable = new Set<string>();
      due.forEach(({ reminder, index }, k) => {
        const { users, unresolved } = resolutions[k];
        if (users.length === 0) {
          toFail.push({ id: reminder.id, unresolved });
          failed.push({ id: reminder.id, version: reminder.version });
          outcomes[index] = 'failed';
          return;
        }
        for (const user of users) {
          pairs.reminderIds.push(reminder.id);
          pairs.userIds.push(user.id);
          if (user.mailable) mailable.add(`${reminder.id}/${user.id}`);
        }
        toMark.push({ id: reminder.id, unresolved: unresolved.length ? unresolved : null });
        outcomes[index] = 'delivered';
      });

      if (toFail.length > 0) {
        await manager.query(
          `UPDATE reminders r SET state = 'failed', unresolved_recipients = f.unresolved, failure_reason = 'no_recipient', updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS f (id uuid, unresolved jsonb) WHERE r.id = f.id`,
          [JSON.stringify(toFail)],
        );
      }
      if (toMark.length === 0) return;
      const inserted = await sqlRows<{ id: string; reminder_id: string; user_id: string }>(
        manager,
        `INSERT INTO notifications (user_id, reminder_id, reminder_version, rule, subject_type, subject_id, title, urgent, due_at)
         SELECT p.user_id, r.id, r.version, r.rule, r.subject_type, r.subject_id, r.title, r.urgent, r.due_at
         FROM unnest($1::uuid[], $2::uuid[]) AS p (reminder_id, user_id) JOIN reminders r ON r.id = p.reminder_id
         ON CONFLICT ON CONSTRAINT notifications_delivery_key DO NOTHING
         RETURNING id, reminder_id, user_id`,
        [pairs.reminderIds, pairs.userIds],
      );
      if (this.mail.enabled) {
        const toMail = inserted.filter((n) => mailable.has(`${n.reminder_id}/${n.user_id}`));
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
        `UPDATE reminders r SET state = 'delivered', delivered_at = now(), unresolved_recipients = d.unresolved, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS d (id uuid, unresolved jsonb) WHERE r.id = d.id`,
        [JSON.stringify(toMark)],
      );
    });
    for (const reminder of failed) this.logger.event('warn', 'reminder had nobody to notify', { reminderId: reminder.id, version: reminder.version });
    // After the commit: if this fails, the mail rows stay pending and the reconciler enqueues them.
    await this.mail.enqueue(mailIds);
    return outcomes;
  }
}
