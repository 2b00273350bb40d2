import { Injectable } from '@nestjs/common';
import { Actor } from '../../../common/auth/actor';
import { invalidTransition } from '../../../common/problem/problem';
import { ReferralStateMachine } from '../referral-state-machine';
import { ReferralState } from '../referral.enums';
import { ReferralsService } from '../referrals.service';
import { renderReferralDocument } from './referral-document';

/** The ward whose offices send the referrals (the sender line of the 送致書). */
export const WARD_NAME = '練馬区';

@Injectable()
export class ReferralDocumentService {
  constructor(private readonly referrals: ReferralsService) {}

  /**
   * The 送致書 exists from the supervisor's approval on: before that the
   * content may still change. Answers 409 with the actions that lead there.
   */
  async produce(actor: Actor, id: string): Promise<{ html: string; state: ReferralState }> {
    const referral = await this.referrals.get(actor, id);
    if (!referral.approvedAt) throw invalidTransition(referral.state, 'document', ReferralStateMachine.allowedActions(referral.state));
    return { html: renderReferralDocument({ referral, wardName: WARD_NAME }), state: referral.state };
  }
}
