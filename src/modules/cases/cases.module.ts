import { Module } from '@nestjs/common';
import { CaseRemindersModule } from './case-reminders.module';
import { CaseSearchService } from './case-search.service';
import { CaseSupervisionService } from './case-supervision.service';
import { CaseTimelineController } from './case-timeline.controller';
import { CaseTimelineService } from './case-timeline.service';
import { CaseClosureHooks, CaseTransferHooks } from './case-hooks';
import { CaseTransfersController } from './case-transfers.controller';
import { CaseTransfersService } from './case-transfers.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { ProgressReviewsController } from './progress-reviews.controller';
import { ProgressReviewsService } from './progress-reviews.service';

@Module({
  imports: [CaseRemindersModule],
  controllers: [CasesController, CaseTimelineController, ProgressReviewsController, CaseTransfersController],
  providers: [CasesService, CaseSearchService, CaseSupervisionService, CaseTimelineService, CaseTransfersService, CaseTransferHooks, CaseClosureHooks, ProgressReviewsService],
  exports: [CasesService, CaseTransferHooks, CaseClosureHooks, CaseRemindersModule],
})
export class CasesModule {}
