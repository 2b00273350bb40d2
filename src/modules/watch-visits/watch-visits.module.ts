import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PlanDueScheduler } from './plan-due.scheduler';
import { PlansEndWithCase } from './plans-end-with-case';
import { PlansFollowTransferredCase } from './plans-follow-transferred-case';
import { WatchVisitOverdueService } from './watch-visit-overdue.service';
import { WatchVisitPlansController } from './watch-visit-plans.controller';
import { WatchVisitPlansService } from './watch-visit-plans.service';
import { WatchVisitReminders } from './watch-visit-reminders';
import { WatchVisitsController } from './watch-visits.controller';
import { WatchVisitsService } from './watch-visits.service';

/** 見守り訪問: plans, visit records, overdue lists, and their reminder rules. */
@Module({
  imports: [CasesModule],
  controllers: [WatchVisitPlansController, WatchVisitsController],
  providers: [WatchVisitPlansService, WatchVisitsService, WatchVisitOverdueService, PlanDueScheduler, WatchVisitReminders, PlansEndWithCase, PlansFollowTransferredCase],
})
export class WatchVisitsModule {}
