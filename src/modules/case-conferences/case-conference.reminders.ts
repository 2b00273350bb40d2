import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { japanDateTime } from '../../common/time/japan-time';
import { RemindersService } from '../reminders/reminders.service';
import { REMINDER_HOUR_JST } from '../referrals/referral-reminder-times';
import { ConferenceActionStatus } from './case-conference.enums';
import { CaseConferenceAction } from './entities/case-conference.entity';

export enum CaseConferenceReminderRule {
  ActionDue = 'case_conferences.action_due',
}

export const CASE_CONFERENCE_REMINDER_RULE_LABELS: Record<CaseConferenceReminderRule, string> = {
  [CaseConferenceReminderRule.ActionDue]: 'ケース会議で決まった対応の期限',
};

export const actionKey = (actionId: string) => `${CaseConferenceReminderRule.ActionDue}:${actionId}`;

/** An open follow-up action reminds its owner on the due date; done, cancelled or moved, the reminder follows. */
@Injectable()
export class CaseConferenceReminders {
  constructor(private readonly reminders: RemindersService) {}

  async afterActionChange(manager: EntityManager, action: CaseConferenceAction, officeId: string): Promise<void> {
    if (action.status !== ConferenceActionStatus.Open) {
      await this.reminders.cancel(manager, actionKey(action.id));
      return;
    }
    await this.reminders.schedule(manager, {
      key: actionKey(action.id),
      rule: CaseConferenceReminderRule.ActionDue,
      subjectType: 'case_conference_action',
      subjectId: action.id,
      officeId,
      title: 'ケース会議で決まった対応の期限です',
      dueAt: japanDateTime(action.dueOn, REMINDER_HOUR_JST),
      recipients: [{ kind: 'user', userId: action.ownerId }],
    });
  }
}
