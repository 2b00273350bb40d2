import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { ReminderRecipient, RemindersService } from '../reminders/reminders.service';
import { Referral } from './entities/referral.entity';
import { answerOverdueAt, reviewOverdueAt } from './referral-reminder-times';
import { ReferralAction, URGENT_GRADES } from './referral.enums';

export enum ReferralReminderRule {
  ReviewOverdue = 'referrals.review_overdue',
  UrgentSubmitted = 'referrals.urgent_submitted',
  AnswerOverdue = 'referrals.answer_overdue',
}

export const REFERRAL_REMINDER_RULE_LABELS: Record<ReferralReminderRule, string> = {
  [ReferralReminderRule.ReviewOverdue]: '送致の決裁が2営業日を超えて未処理',
  [ReferralReminderRule.UrgentSubmitted]: '緊急度AA・Aの送致が決裁に回された',
  [ReferralReminderRule.AnswerOverdue]: '送致後7日を過ぎて児相の回答がない',
};

export const reviewKey = (referralId: string) => `${ReferralReminderRule.ReviewOverdue}:${referralId}`;
export const answerKey = (referralId: string) => `${ReferralReminderRule.AnswerOverdue}:${referralId}`;

/**
 * The referral's reminders follow its state: a submission starts the review
 * clock for the office's supervisors (and, when urgent, tells them at once);
 * the review stops it; sending starts the liaison's wait for the centre's
 * answer; the answer stops it. Titles carry no names.
 */
@Injectable()
export class ReferralReminders {
  constructor(private readonly reminders: RemindersService) {}

  async afterTransition(manager: EntityManager, referral: Referral, action: ReferralAction): Promise<void> {
    const supervisors: ReminderRecipient[] = [{ kind: 'office_role', officeId: referral.officeId, role: Role.Supervisor }];
    const base = { subjectType: 'referral', subjectId: referral.id, officeId: referral.officeId };
    const urgent = URGENT_GRADES.includes(referral.urgency);
    switch (action) {
      case ReferralAction.Submit:
        await this.reminders.schedule(manager, {
          ...base,
          key: reviewKey(referral.id),
          rule: ReferralReminderRule.ReviewOverdue,
          title: '送致の決裁が2営業日を超えて未処理です',
          dueAt: reviewOverdueAt(referral.submittedAt!),
          recipients: supervisors,
          urgent,
        });
        if (urgent) {
          // One notice per submission: a resubmitted urgent referral is news again.
          await this.reminders.notifyNow(manager, {
            ...base,
            key: `${ReferralReminderRule.UrgentSubmitted}:${referral.id}:${referral.submissionCount}`,
            rule: ReferralReminderRule.UrgentSubmitted,
            title: `緊急度${referral.urgency.toUpperCase()}の送致が決裁に回されました`,
            recipients: supervisors,
            urgent: true,
          });
        }
        break;
      case ReferralAction.Approve:
      case ReferralAction.Return:
        await this.reminders.cancel(manager, reviewKey(referral.id));
        break;
      case ReferralAction.Send:
        await this.reminders.schedule(manager, {
          ...base,
          key: answerKey(referral.id),
          rule: ReferralReminderRule.AnswerOverdue,
          title: '送致後7日を過ぎても児童相談センターの回答がありません',
          dueAt: answerOverdueAt(referral.sentOn!),
          recipients: await liaisonRecipients(manager, supervisors),
          urgent,
        });
        break;
      case ReferralAction.Accept:
      case ReferralAction.Decline:
        await this.reminders.cancel(manager, answerKey(referral.id));
        break;
      case ReferralAction.Revise:
      case ReferralAction.Withdraw:
      case ReferralAction.Close:
        await this.reminders.cancelMany(manager, [reviewKey(referral.id), answerKey(referral.id)]);
        break;
    }
  }
}

/**
 * The liaison desk of the ward: every office with an active liaison. A ward
 * without one falls back to the referral's supervisors, so the follow-up is
 * never addressed to nobody.
 */
export async function liaisonRecipients(manager: EntityManager, fallback: ReminderRecipient[]): Promise<ReminderRecipient[]> {
  const rows: Array<{ office_id: string }> = await manager.query(`SELECT DISTINCT office_id FROM users WHERE active AND 'liaison' = ANY (roles) ORDER BY office_id`);
  return rows.length ? rows.map((r) => ({ kind: 'office_role', officeId: r.office_id, role: Role.Liaison })) : fallback;
}
