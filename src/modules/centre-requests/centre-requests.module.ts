import { Module } from '@nestjs/common';
import { CentreRequestReminders } from './centre-request.reminders';
import { CentreRequestsController } from './centre-requests.controller';
import { CentreRequestsService } from './centre-requests.service';
import { ProgressReportsService } from './progress-reports.service';

@Module({
  controllers: [CentreRequestsController],
  providers: [CentreRequestsService, ProgressReportsService, CentreRequestReminders],
})
export class CentreRequestsModule {}
