import { Module } from '@nestjs/common';
import { CaseRemindersModule } from './case-reminders.module';
import { CaseSearchService } from './case-search.service';
import { CaseSupervisionService } from './case-supervision.service';
import { CaseTimelineController } from './case-timeline.controller';
import { CaseTimelineService } from './case-timeline.service';
import { CaseTransferHooks } from './case-transfer-hooks';
import { CaseTransfersController } from './case-transfers.controller';
import { CaseTransfersService } from './case-transfers.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { ProgressReviewsController } from './progress-reviews.controller';
import { ProgressReviewsService } from './progress-reviews.service';

@Module({
  imports: [CaseRemindersModule],
  controllers: [CasesController, CaseTimelineController, ProgressReviewsController, CaseTransfersController],
  providers: [CasesService, CaseSearchService, CaseSupervisionService, CaseTimelineService, CaseTransfersService, CaseTransferHooks, ProgressReviewsService],
  exports: [CasesService, CaseTransferHooks, CaseRemindersModule],
})
export class CasesModule {}
