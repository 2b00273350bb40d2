import { Module } from '@nestjs/common';
import { ReferralDocumentService } from './document/referral-document.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

@Module({
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralDocumentService],
  exports: [ReferralsService],
})
export class ReferralsModule {}
