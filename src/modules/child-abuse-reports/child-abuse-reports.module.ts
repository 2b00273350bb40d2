import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ChildAbuseReportsController } from './child-abuse-reports.controller';
import { ChildAbuseReportsService } from './child-abuse-reports.service';
import { ReportReminders } from './report-reminders';
import { SafetyConfirmationsService } from './safety-confirmations.service';

@Module({
  imports: [CasesModule],
  controllers: [ChildAbuseReportsController],
  providers: [ChildAbuseReportsService, SafetyConfirmationsService, ReportReminders],
})
export class ChildAbuseReportsModule {}
