import { Module } from '@nestjs/common';
import { WatchVisitReminders } from './watch-visit-reminders';
import { WatchVisitSweepHandler, WatchVisitSweepSchedule } from './watch-visit-sweep.handler';

/** Worker side of 見守り訪問: the daily reminder sweep. Only the worker entry imports this. */
@Module({
  providers: [WatchVisitReminders, WatchVisitSweepHandler, WatchVisitSweepSchedule],
})
export class WatchVisitsWorkerModule {}
