import { Module } from '@nestjs/common';
import { PlanDueScheduler } from './plan-due.scheduler';
import { WatchVisitOverdueService } from './watch-visit-overdue.service';
import { WatchVisitPlansController } from './watch-visit-plans.controller';
import { WatchVisitPlansService } from './watch-visit-plans.service';
import { WatchVisitReminders } from './watch-visit-reminders';
import { WatchVisitsController } from './watch-visits.controller';
import { WatchVisitsService } from './watch-visits.service';

/** 見守り訪問: plans, visit records, overdue lists, and their reminder rules. */
@Module({
  controllers: [WatchVisitPlansController, WatchVisitsController],
  providers: [WatchVisitPlansService, WatchVisitsService, WatchVisitOverdueService, PlanDueScheduler, WatchVisitReminders],
})
export class WatchVisitsModule {}
