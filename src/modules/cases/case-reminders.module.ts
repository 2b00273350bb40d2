import { Module } from '@nestjs/common';
import { CaseLeadRecipientResolver } from './case-lead.resolver';
import { CaseReminders } from './case-reminders';

/**
 * The cases module's part of the reminder engine, for the API and the worker
 * alike: the `case_lead` recipient resolver and the case reminder rules.
 */
@Module({
  providers: [CaseLeadRecipientResolver, CaseReminders],
  exports: [CaseReminders],
})
export class CaseRemindersModule {}
