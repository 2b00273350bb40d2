import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../../common/logging/json-logger';
import { DailyJobSchedule } from '../../common/queues/daily-job.schedule';
import { HandlesJob, JobHandler } from '../../common/queues/job-handler';
import { JobName } from '../../common/queues/queue-catalog';
import { QueuesService } from '../../common/queues/queues.service';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { sqlRows } from '../../database/sql';
import { WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';
import { WatchVisitReminders } from './watch-visit-reminders';

const BATCH = 200;

/**
 * Daily: puts every plan's due reminder where the plan says, so that plans
 * written without the API (imports, the demo seed) or left behind by a lost
 * change get theirs, and plans of closed cases lose theirs. Idempotent: a
 * reminder already at the right time is left as it is, never sent twice; one
 * already saying what the plan says is not written at all (at the 1m scale
 * re-writing all 300k took over three minutes of database time every day).
 */
@Injectable()
@HandlesJob(JobName.SweepWatchVisitReminders)
export class WatchVisitSweepHandler implements JobHandler<JobName.SweepWatchVisitReminders> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: WatchVisitReminders,
  ) {}

  async handle(): Promise<{ plans: number }> {
    let after = '00000000-0000-0000-0000-000000000000';
    let plans = 0;
    for (;;) {
      // The batch's plans are share-locked until their reminders are written: a visit or change committing in
      // between would otherwise have its new reminder overwritten with the due date read before it.
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await sqlRows<{ id: string; status: WatchVisitPlanStatus; next_due_on: string | null; responsible_worker_id: string; office_id: string; case_status: string }>(
          manager,
          `SELECT p.id, p.status, p.next_due_on, p.responsible_worker_id, c.office_id, c.status AS case_status
             FROM watch_visit_plans p JOIN cases c ON c.id = p.case_id
            WHERE p.status <> 'ended' AND p.id > $1 ORDER BY p.id LIMIT ${BATCH}
              FOR SHARE OF p`,
          [after],
        );
        await this.reminders.plansChanged(
          manager,
          rows.map((row) => ({
            plan: {
              id: row.id,
              status: row.case_status === 'closed' ? WatchVisitPlanStatus.Ended : row.status,
              nextDueOn: row.next_due_on,
              responsibleWorkerId: row.responsible_worker_id,
            },
            officeId: row.office_id,
          })),
        );
        return rows;
      });
      plans += batch.length;
      if (batch.length < BATCH) return { plans };
      after = batch[batch.length - 1].id;
    }
  }
}

/** Runs the sweep every morning at 05:00 (Japan), before the office opens. */
@Injectable()
export class WatchVisitSweepSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedule: DailyJobSchedule;

  constructor(queues: QueuesService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.schedule = new DailyJobSchedule(queues, new JsonLogger(config.logLevel, 'worker'), JobName.SweepWatchVisitReminders, { hour: 5, minute: 0 });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Tests call the handler directly: a daily run firing inside an unrelated test would add reminders to its inboxes.
    if (this.config.nodeEnv === 'test') return;
    await this.schedule.start();
  }

  onModuleDestroy(): void {
    this.schedule.stop();
  }
}
