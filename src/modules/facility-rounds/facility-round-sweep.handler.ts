import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JsonLogger } from '../../common/logging/json-logger';
import { DailyJobSchedule } from '../../common/queues/daily-job.schedule';
import { HandlesJob, JobHandler } from '../../common/queues/job-handler';
import { JobName } from '../../common/queues/queue-catalog';
import { QueuesService } from '../../common/queues/queues.service';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { todayInJapan } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { latestOverdueMonth } from './attendance-rules';
import { FacilityRoundStatus } from './entities/facility-round.entity';
import { FacilityRoundReminders } from './facility-round-reminders';

const BATCH = 200;

/**
 * Daily: the "attendance report missing" reminders of the months now open
 * (a new month starts without any write to trigger them), and each planned
 * round's due reminder. Idempotent and batched, one transaction per batch.
 */
@Injectable()
@HandlesJob(JobName.SweepFacilityRoundReminders)
export class FacilityRoundSweepHandler implements JobHandler<JobName.SweepFacilityRoundReminders> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: FacilityRoundReminders,
  ) {}

  async handle(): Promise<{ reportReminders: number; rounds: number }> {
    const asOf = todayInJapan();
    // Flags that ended before the month preceding the open ones have nothing left to remind or cancel.
    const openedFrom = latestOverdueMonth(asOf);
    let reportReminders = 0;
    // Each batch's rows are share-locked before their reminders are read and written, as the watch-visit sweep's
    // plans are: a report entered or a round recorded between the sweep's read and its write would otherwise have
    // its reminder, just cancelled, re-armed from what the sweep read before (and delivered, being already due).
    // The writers lock the same rows for update. The page itself is read without locks, so a row that changes
    // under the lock drops out of its batch without ending the sweep early.
    await this.inBatches(`SELECT id FROM children_of_concern WHERE (end_on IS NULL OR end_on >= $2) AND id > $1 ORDER BY id LIMIT ${BATCH}`, [openedFrom], async (manager, ids) => {
      await manager.query(`SELECT 1 FROM children_of_concern WHERE id = ANY ($1) FOR SHARE`, [ids]);
      reportReminders += await this.reminders.syncReportReminders(manager, { childOfConcernIds: ids, asOf });
    });
    let rounds = 0;
    await this.inBatches(`SELECT id FROM facility_rounds WHERE status = 'planned' AND id > $1 ORDER BY id LIMIT ${BATCH}`, [], async (manager, ids) => {
      const rows = await sqlRows<{ id: string; status: FacilityRoundStatus; planned_on: string; visitor_ids: string[]; office_id: string }>(
        manager,
        `SELECT id, status, planned_on, visitor_ids, office_id FROM facility_rounds WHERE id = ANY ($1) AND status = 'planned' FOR SHARE`,
        [ids],
      );
      for (const r of rows) await this.reminders.roundChanged(manager, { id: r.id, status: r.status, plannedOn: r.planned_on, visitorIds: r.visitor_ids, officeId: r.office_id });
      rounds += rows.length;
    });
    return { reportReminders, rounds };
  }

  private async inBatches(sql: string, extra: unknown[], work: (manager: EntityManager, ids: string[]) => Promise<void>): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.dataSource.transaction(async (manager) => {
        const rows = await sqlRows<{ id: string }>(manager, sql, [after, ...extra]);
        if (rows.length > 0) await work(manager, rows.map((r) => r.id));
        return rows.map((r) => r.id);
      });
      if (ids.length < BATCH) return;
      after = ids[ids.length - 1];
    }
  }
}

/** Runs the sweep every morning at 05:10 (Japan). */
@Injectable()
export class FacilityRoundSweepSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedule: DailyJobSchedule;

  constructor(queues: QueuesService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.schedule = new DailyJobSchedule(queues, new JsonLogger(config.logLevel, 'worker'), JobName.SweepFacilityRoundReminders, { hour: 5, minute: 10 });
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
