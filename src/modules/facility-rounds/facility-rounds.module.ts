import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module';
import { AttendanceReportsController } from './attendance-reports.controller';
import { AttendanceReportsService } from './attendance-reports.service';
import { ChildrenOfConcernController } from './children-of-concern.controller';
import { ChildrenOfConcernService } from './children-of-concern.service';
import { FacilityRoundReminders } from './facility-round-reminders';
import { FacilityRoundsController } from './facility-rounds.controller';
import { FacilityRoundsService } from './facility-rounds.service';

/** 巡回訪問: children of concern at facilities, rounds, monthly attendance reports, and their reminder rules. */
@Module({
  imports: [FacilitiesModule],
  controllers: [FacilityRoundsController, ChildrenOfConcernController, AttendanceReportsController],
  providers: [FacilityRoundsService, ChildrenOfConcernService, AttendanceReportsService, FacilityRoundReminders],
  exports: [FacilityRoundReminders],
})
export class FacilityRoundsModule {}
