import { Module } from '@nestjs/common';
import { CaseConferenceReminders } from './case-conference.reminders';
import { CaseConferencesController } from './case-conferences.controller';
import { CaseConferencesService } from './case-conferences.service';

@Module({
  controllers: [CaseConferencesController],
  providers: [CaseConferencesService, CaseConferenceReminders],
})
export class CaseConferencesModule {}
