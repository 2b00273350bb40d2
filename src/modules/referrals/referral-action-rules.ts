import { Role } from '../../common/auth/roles';
import { ReferralAction } from './referral.enums';

export interface ReferralActor {
  userId: string;
  officeId: string;
  roles: readonly Role[];
}

export interface ReferralParties {
  authorId: string;
  /** The office of the case the referral was drafted for. */
  officeId: string;
}

export type ReferralActionOrEdit = ReferralAction | 'edit';

/**
 * Who may take each step, given they can see the referral at all:
 * - the author edits, submits, revises after a return, and withdraws a draft
 *   (a supervisor of the office may withdraw an abandoned one);
 * - only a supervisor of the referral's office approves or returns it, and
 *   never a referral they wrote themselves;
 * - the sending and the centre's answer are recorded by the author, a
 *   supervisor of the office, or the liaison (都児相連携担当), who carries
 *   the contact with the centre;
 * - the office closes it after the centre's answer.
 * Answers the reason when refused (rendered as 403).
 */
export function referralActionRefusal(actor: ReferralActor, referral: ReferralParties, action: ReferralActionOrEdit): string | null {
  const author = actor.userId === referral.authorId;
  const officeSupervisor = actor.roles.includes(Role.Supervisor) && actor.officeId === referral.officeId;
  const liaison = actor.roles.includes(Role.Liaison);
  switch (action) {
    case 'edit':
    case ReferralAction.Submit:
    case ReferralAction.Revise:
      return author ? null : 'Only the author of the referral may do this.';
    case ReferralAction.Withdraw:
      return author || officeSupervisor ? null : 'Only the author or a supervisor of the office may withdraw the referral.';
    case ReferralAction.Approve:
    case ReferralAction.Return:
      if (!officeSupervisor) return 'Only a supervisor of the referral\'s office may review it.';
      return author ? 'A supervisor cannot review a referral they wrote themselves.' : null;
    case ReferralAction.Send:
    case ReferralAction.Accept:
    case ReferralAction.Decline:
      return author || officeSupervisor || liaison ? null : 'Only the author, a supervisor of the office or the liaison may record this.';
    case ReferralAction.Close:
      return author || officeSupervisor ? null : 'Only the author or a supervisor of the office may close the referral.';
  }
}
