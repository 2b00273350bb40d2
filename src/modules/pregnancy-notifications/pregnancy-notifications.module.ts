import { Module } from '@nestjs/common';
import { ContactAttemptsService } from './contact-attempts.service';
import { MotherRegistration } from './mother-registration';
import { PregnancyCoverageService } from './pregnancy-coverage.service';
import { PregnancyNotificationsController } from './pregnancy-notifications.controller';
import { PregnancyNotificationsService } from './pregnancy-notifications.service';
import { PregnancyReminders } from './pregnancy-reminders';
import { PregnancyReportsController } from './pregnancy-reports.controller';
import { PregnancySettingsController } from './pregnancy-settings.controller';
import { PregnancySettingsService } from './pregnancy-settings.service';

@Module({
  controllers: [PregnancyNotificationsController, PregnancyReportsController, PregnancySettingsController],
  providers: [PregnancyNotificationsService, ContactAttemptsService, PregnancyCoverageService, PregnancySettingsService, MotherRegistration, PregnancyReminders],
  exports: [PregnancyNotificationsService, PregnancySettingsService, PregnancyReminders, MotherRegistration],
})
export class PregnancyNotificationsModule {}
