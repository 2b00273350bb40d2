import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PregnancyNotificationsModule } from '../pregnancy-notifications/pregnancy-notifications.module';
import { PregnancyInterviewsController } from './pregnancy-interviews.controller';
import { PregnancyInterviewsService } from './pregnancy-interviews.service';
import { SpecifiedExpectantMotherController } from './specified-expectant-mother.controller';
import { SpecifiedExpectantMotherService } from './specified-expectant-mother.service';

@Module({
  imports: [CasesModule, PregnancyNotificationsModule],
  controllers: [PregnancyInterviewsController, SpecifiedExpectantMotherController],
  providers: [PregnancyInterviewsService, SpecifiedExpectantMotherService],
})
export class PregnancyInterviewsModule {}
