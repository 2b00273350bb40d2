import { Module } from '@nestjs/common';
import { FacilityRoundReminders } from './facility-round-reminders';
import { FacilityRoundSweepHandler, FacilityRoundSweepSchedule } from './facility-round-sweep.handler';

/** Worker side of 巡回訪問: the daily reminder sweep. Only the worker entry imports this. */
@Module({
  providers: [FacilityRoundReminders, FacilityRoundSweepHandler, FacilityRoundSweepSchedule],
})
export class FacilityRoundsWorkerModule {}
