import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ShortStayDecisionsService } from './short-stay-decisions.service';
import { ShortStayFacilitiesController } from './short-stay-facilities.controller';
import { ShortStayFacilitiesService } from './short-stay-facilities.service';
import { ShortStayPoliciesService } from './short-stay-policies.service';
import { ShortStayReminders } from './short-stay-reminders';
import { ShortStayRequestsService } from './short-stay-requests.service';
import { ShortStayFeeRatesController, ShortStayPoliciesController } from './short-stay-settings.controller';
import { ShortStayStatsService } from './short-stay-stats.service';
import { ShortStayVacancyService } from './short-stay-vacancy.service';
import { ShortStaysController } from './short-stays.controller';
import { StaysFollowTransferredCase } from './stays-follow-transferred-case';

/** 要支援ショートステイ (seed sheet 1-2 ②). */
@Module({
  imports: [CasesModule],
  controllers: [ShortStaysController, ShortStayPoliciesController, ShortStayFeeRatesController, ShortStayFacilitiesController],
  providers: [
    ShortStayRequestsService,
    ShortStayDecisionsService,
    ShortStayReminders,
    ShortStayVacancyService,
    ShortStayStatsService,
    ShortStayPoliciesService,
    ShortStayFacilitiesService,
    StaysFollowTransferredCase,
  ],
  exports: [ShortStayStatsService],
})
export class ShortStaysModule {}
