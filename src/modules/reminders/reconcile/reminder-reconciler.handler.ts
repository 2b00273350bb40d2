import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, JobHandler } from '../../../common/queues/job-handler';
import { JobName } from '../../../common/queues/queue-catalog';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { sqlRows } from '../../../database/sql';
import { ReminderEnqueuer } from '../delivery/reminder-enqueuer';
import { MailEnqueuer } from '../mail/mail-enqueuer';

const BATCH = 1_000;

export interface ReconcileResult {
  reminders: number;
  mails: number;
}

/**
 * The database says what is due; this makes sure the queue holds it. Every
 * scheduled reminder due within the lookahead, and every pending e-mail, is
 * enqueued under its deterministic job id: what the queue already holds is
 * left as it is, what it lost (Redis restart, FLUSHALL, a failed enqueue
 * after commit) is put back. No queue scanning is needed.
 */
@Injectable()
@HandlesJob(JobName.ReconcileReminders)
export class ReminderReconcilerHandler implements JobHandler<JobName.ReconcileReminders> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: ReminderEnqueuer,
    private readonly mails: MailEnqueuer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(): Promise<ReconcileResult> {
    const horizon = new Date(Date.now() + this.config.reconcileLookaheadMs);
    let reminders = 0;
    // The keyset carries due_at as PostgreSQL's text: a JS Date keeps milliseconds only, and a due time with
    // microseconds (set in SQL) would never compare past itself — the loop would fetch the same page for ever.
    let after: { dueKey: string; id: string } | null = null;
    for (;;) {
      const rows: Array<{ id: string; version: number; due_at: Date; due_key: string }> = await sqlRows(
        this.dataSource,
        `SELECT id, version, due_at, due_at::text AS due_key FROM reminders
         WHERE state = 'scheduled' AND due_at <= $1 AND ($2::timestamptz IS NULL OR (due_at, id) > ($2, $3::uuid))
         ORDER BY due_at, id LIMIT ${BATCH}`,
        [horizon, after?.dueKey ?? null, after?.id ?? null],
      );
      if (rows.length === 0) break;
      if (!(await this.reminders.enqueue(rows.map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at }))))) {
        throw new Error('could not enqueue due reminders');
      }
      reminders += rows.length;
      const last = rows[rows.length - 1];
      after = { dueKey: last.due_key, id: last.id };
    }

    let mails = 0;
    if (this.mails.enabled) {
      // Keyset on (created_at, id), the order of mail_deliveries_pending_idx: during a long mail outage many
      // mails are pending, and each page is then an index range scan rather than a sort of all of them.
      let after: { createdAt: string; id: string } | null = null;
      for (;;) {
        const rows: Array<{ id: string; created_key: string }> = await sqlRows(
          this.dataSource,
          `SELECT id, created_at::text AS created_key FROM mail_deliveries
           WHERE state = 'pending' AND ($1::timestamptz IS NULL OR (created_at, id) > ($1, $2::uuid))
           ORDER BY created_at, id LIMIT ${BATCH}`,
          [after?.createdAt ?? null, after?.id ?? null],
        );
        if (rows.length === 0) break;
        if (!(await this.mails.enqueue(rows.map((r) => r.id)))) throw new Error('could not enqueue pending e-mails');
        mails += rows.length;
        const last = rows[rows.length - 1];
        after = { createdAt: last.created_key, id: last.id };
      }
    }
    return { reminders, mails };
  }
}
