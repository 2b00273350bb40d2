import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { addDays, japanDateTime, JapanDate } from '../../common/time/japan-time';
import { RemindersService } from '../reminders/reminders.service';
import { EffectiveSettings } from './pregnancy-settings.service';

export enum PregnancyReminderRule {
  /** 妊娠届から N 日 (default 14) 面談なし → the office's consultants; escalated to its supervisors at M days (default 28). */
  InterviewOverdue = 'pregnancy.interview_overdue',
  /** フォロー予定日 → the interviewing consultant, on the day. */
  FollowUpDue = 'pregnancy.follow_up_due',
  /** 連絡不通 → the office's supervisors, at once. */
  Unreachable = 'pregnancy.unreachable',
  /** 面談で特定妊婦候補 → the office's supervisors, at once (they confirm or not). */
  SpecifiedCandidate = 'pregnancy.specified_candidate',
  /** 特定妊婦のケースを受けた → the chosen 子ども家庭支援センター's supervisors, at once. */
  SpecifiedHandover = 'pregnancy.specified_handover',
}

export const PREGNANCY_REMINDER_RULE_LABELS: Record<PregnancyReminderRule, string> = {
  [PregnancyReminderRule.InterviewOverdue]: '妊娠届後の妊婦面談未実施',
  [PregnancyReminderRule.FollowUpDue]: '妊婦面談のフォロー予定日',
  [PregnancyReminderRule.Unreachable]: '妊婦と連絡不通',
  [PregnancyReminderRule.SpecifiedCandidate]: '特定妊婦候補の確認依頼',
  [PregnancyReminderRule.SpecifiedHandover]: '特定妊婦ケースの引継ぎ',
};

/** Reminders are delivered at the start of the office day (09:00 JST) of their date. */
const OFFICE_HOUR = 9;

export const interviewOverdueKey = (notificationId: string) => `${PregnancyReminderRule.InterviewOverdue}:${notificationId}`;
export const followUpKey = (interviewId: string) => `${PregnancyReminderRule.FollowUpDue}:${interviewId}`;

/** The pregnancy programme's reminder rules, on top of the reminder engine. Titles carry no names. */
@Injectable()
export class PregnancyReminders {
  constructor(private readonly reminders: RemindersService) {}

  scheduleInterviewOverdue(manager: EntityManager, n: { id: string; officeId: string; filedOn: JapanDate }, settings: EffectiveSettings): Promise<void> {
    return this.reminders.schedule(manager, {
      key: interviewOverdueKey(n.id),
      rule: PregnancyReminderRule.InterviewOverdue,
      subjectType: 'pregnancy_notification',
      subjectId: n.id,
      officeId: n.officeId,
      title: `妊娠届から${settings.interviewReminderDays}日、妊婦面談が未実施です`,
      dueAt: japanDateTime(addDays(n.filedOn, settings.interviewReminderDays), OFFICE_HOUR),
      recipients: [{ kind: 'office_role', officeId: n.officeId, role: Role.Consultant }],
      escalation: {
        at: japanDateTime(addDays(n.filedOn, settings.interviewEscalationDays), OFFICE_HOUR),
        recipients: [{ kind: 'office_role', officeId: n.officeId, role: Role.Supervisor }],
        title: `妊娠届から${settings.interviewEscalationDays}日、妊婦面談が未実施です（係長確認）`,
        urgent: true,
      },
    });
  }

  cancelInterviewOverdue(manager: EntityManager, notificationId: string): Promise<void> {
    return this.reminders.cancel(manager, interviewOverdueKey(notificationId));
  }

  scheduleFollowUp(manager: EntityManager, interview: { id: string; consultantId: string; followUpOn: JapanDate }, officeId: string): Promise<void> {
    return this.reminders.schedule(manager, {
      key: followUpKey(interview.id),
      rule: PregnancyReminderRule.FollowUpDue,
      subjectType: 'pregnancy_interview',
      subjectId: interview.id,
      officeId,
      title: '妊婦面談のフォロー予定日です',
      dueAt: japanDateTime(interview.followUpOn, OFFICE_HOUR),
      recipients: [{ kind: 'user', userId: interview.consultantId }],
    });
  }

  cancelFollowUps(manager: EntityManager, interviewIds: string[]): Promise<void> {
    return this.reminders.cancelMany(manager, interviewIds.map(followUpKey));
  }

  notifyUnreachable(manager: EntityManager, n: { id: string; officeId: string }, attempts: number): Promise<void> {
    return this.reminders.notifyNow(manager, {
      key: `${PregnancyReminderRule.Unreachable}:${n.id}`,
      rule: PregnancyReminderRule.Unreachable,
      subjectType: 'pregnancy_notification',
      subjectId: n.id,
      officeId: n.officeId,
      title: `妊婦と${attempts}回連絡がつかず「連絡不通」になりました`,
      recipients: [{ kind: 'office_role', officeId: n.officeId, role: Role.Supervisor }],
      urgent: true,
    });
  }

  notifySpecifiedCandidate(manager: EntityManager, n: { id: string; officeId: string }): Promise<void> {
    return this.reminders.notifyNow(manager, {
      key: `${PregnancyReminderRule.SpecifiedCandidate}:${n.id}`,
      rule: PregnancyReminderRule.SpecifiedCandidate,
      subjectType: 'pregnancy_notification',
      subjectId: n.id,
      officeId: n.officeId,
      title: '妊婦面談で特定妊婦候補となりました。判定してください',
      recipients: [{ kind: 'office_role', officeId: n.officeId, role: Role.Supervisor }],
    });
  }

  notifySpecifiedHandover(manager: EntityManager, caseId: string, centreOfficeId: string): Promise<void> {
    return this.reminders.notifyNow(manager, {
      key: `${PregnancyReminderRule.SpecifiedHandover}:${caseId}`,
      rule: PregnancyReminderRule.SpecifiedHandover,
      subjectType: 'case',
      subjectId: caseId,
      officeId: centreOfficeId,
      title: '保健相談所から特定妊婦のケースが引き継がれました',
      recipients: [{ kind: 'office_role', officeId: centreOfficeId, role: Role.Supervisor }],
      urgent: true,
    });
  }
}
