import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CentreRequestAssignment } from './centre-request-assignment';
import { CentreRequestReminders } from './centre-request.reminders';
import { CentreRequestsController } from './centre-requests.controller';
import { CentreRequestsService } from './centre-requests.service';
import { ProgressReportsService } from './progress-reports.service';

@Module({
  imports: [CasesModule],
  controllers: [CentreRequestsController],
  providers: [CentreRequestsService, ProgressReportsService, CentreRequestReminders, CentreRequestAssignment],
})
export class CentreRequestsModule {}
