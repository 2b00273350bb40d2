import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { RemindersService } from '../reminders/reminders.service';

export enum PostpartumReminderRule {
  /** 産後ケアの申請 → the 保健相談所's supervisors, at once; resolved by the decision. */
  ApprovalPending = 'postpartum_care.approval_pending',
}

export const POSTPARTUM_REMINDER_RULE_LABELS: Record<PostpartumReminderRule, string> = {
  [PostpartumReminderRule.ApprovalPending]: '産後ケア申請の承認待ち',
};

const approvalKey = (applicationId: string) => `${PostpartumReminderRule.ApprovalPending}:${applicationId}`;

@Injectable()
export class PostpartumReminders {
  constructor(private readonly reminders: RemindersService) {}

  notifyApprovalPending(manager: EntityManager, application: { id: string; officeId: string }): Promise<void> {
    return this.reminders.notifyNow(manager, {
      key: approvalKey(application.id),
      rule: PostpartumReminderRule.ApprovalPending,
      subjectType: 'postpartum_care_application',
      subjectId: application.id,
      officeId: application.officeId,
      title: '産後ケアの利用申請があります。承認してください',
      recipients: [{ kind: 'office_role', officeId: application.officeId, role: Role.Supervisor }],
    });
  }

  resolveApproval(manager: EntityManager, applicationId: string): Promise<void> {
    return this.reminders.cancel(manager, approvalKey(applicationId));
  }
}
