import { Module } from '@nestjs/common';
import { ReferralDocumentService } from './document/referral-document.service';
import { ReferralsController } from './referrals.controller';
import { ReferralReminders } from './referral.reminders';
import { ReferralsService } from './referrals.service';

@Module({
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralDocumentService, ReferralReminders],
  exports: [ReferralsService, ReferralReminders],
})
export class ReferralsModule {}
