import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { japanDateTime } from '../../common/time/japan-time';
import { addWorkingDays } from '../../common/time/working-days';
import { RemindersService } from '../reminders/reminders.service';
import { REMINDER_HOUR_JST } from '../referrals/referral-reminder-times';
import { CentreRequestStateMachine } from './centre-request-state-machine';
import { CentreRequest } from './entities/centre-request.entity';

export enum CentreRequestReminderRule {
  ProgressReportDue = 'centre_requests.progress_report_due',
}

export const CENTRE_REQUEST_REMINDER_RULE_LABELS: Record<CentreRequestReminderRule, string> = {
  [CentreRequestReminderRule.ProgressReportDue]: '指導措置委託の経過報告の提出期限',
};

/** Working days after the due date before the office's supervisors hear of a missing report. */
export const PROGRESS_REPORT_ESCALATION_WORKING_DAYS = 5;

export const progressReportKey = (requestId: string) => `${CentreRequestReminderRule.ProgressReportDue}:${requestId}`;

/**
 * One reminder per 指導措置委託, always pointing at the next report due: to
 * the lead worker on the due date, then to the supervisors if it is still
 * not filed a week later. Filing a report moves it to the next due date;
 * 措置解除 or closing removes it.
 */
@Injectable()
export class CentreRequestReminders {
  constructor(private readonly reminders: RemindersService) {}

  async afterRequestChange(manager: EntityManager, request: CentreRequest): Promise<void> {
    const key = progressReportKey(request.id);
    if (!CentreRequestStateMachine.isOpen(request.state) || !request.nextReportDueOn || !request.leadWorkerId) {
      await this.reminders.cancel(manager, key);
      return;
    }
    await this.reminders.schedule(manager, {
      key,
      rule: CentreRequestReminderRule.ProgressReportDue,
      subjectType: 'centre_request',
      subjectId: request.id,
      officeId: request.officeId,
      title: '指導措置委託の経過報告の提出期限です',
      dueAt: japanDateTime(request.nextReportDueOn, REMINDER_HOUR_JST),
      recipients: [{ kind: 'user', userId: request.leadWorkerId }],
      escalation: {
        at: japanDateTime(addWorkingDays(request.nextReportDueOn, PROGRESS_REPORT_ESCALATION_WORKING_DAYS), REMINDER_HOUR_JST),
        recipients: [{ kind: 'office_role', officeId: request.officeId, role: Role.Supervisor }],
        title: '指導措置委託の経過報告が提出期限を過ぎています',
      },
    });
  }
}
