import { Role } from '../../common/auth/roles';
import { addDays, japanDateTime, JapanDate } from '../../common/time/japan-time';
import type { ScheduleReminder } from '../reminders/reminders.service';

export enum CaseReminderRule {
  ProgressReviewDue = 'case.progress_review_due',
  BreakGlass = 'case.break_glass',
  TransferRequested = 'case.transfer_requested',
}

export const CASE_REMINDER_RULE_LABELS: Record<CaseReminderRule, string> = {
  [CaseReminderRule.ProgressReviewDue]: '進行管理の実施日',
  [CaseReminderRule.BreakGlass]: '制限ケースの理由付き閲覧',
  [CaseReminderRule.TransferRequested]: 'ケース移管の受理依頼',
};

/** Reminders go out at the start of the working day (09:00 JST) of their date. */
export const REMINDER_HOUR_JST = 9;
/** An overdue 進行管理 is brought to the supervisors this many days after its date. */
export const PROGRESS_REVIEW_ESCALATION_DAYS = 14;

export const progressReviewKey = (caseId: string): string => `${CaseReminderRule.ProgressReviewDue}:${caseId}`;

/** 進行管理 due: the lead worker on the day; the office's supervisors two weeks later if no review was recorded. */
export function progressReviewReminder(c: { id: string; officeId: string; nextReviewOn: JapanDate }): ScheduleReminder {
  return {
    key: progressReviewKey(c.id),
    rule: CaseReminderRule.ProgressReviewDue,
    subjectType: 'case',
    subjectId: c.id,
    officeId: c.officeId,
    title: '進行管理の実施日です',
    dueAt: japanDateTime(c.nextReviewOn, REMINDER_HOUR_JST),
    recipients: [{ kind: 'case_lead', caseId: c.id }],
    escalation: {
      at: japanDateTime(addDays(c.nextReviewOn, PROGRESS_REVIEW_ESCALATION_DAYS), REMINDER_HOUR_JST),
      recipients: [{ kind: 'office_role', officeId: c.officeId, role: Role.Supervisor }],
      title: '進行管理が実施されていません',
    },
  };
}

/** Break-glass: the supervisors of the office holding the case are told at once. */
export function breakGlassNotice(c: { id: string; officeId: string }, grantId: string): Omit<ScheduleReminder, 'dueAt' | 'escalation'> {
  return {
    key: `${CaseReminderRule.BreakGlass}:${grantId}`,
    rule: CaseReminderRule.BreakGlass,
    subjectType: 'case',
    subjectId: c.id,
    officeId: c.officeId,
    title: '制限ケースが理由付きで閲覧されました',
    recipients: [{ kind: 'office_role', officeId: c.officeId, role: Role.Supervisor }],
  };
}

/** A case was offered to another office: its supervisors are told at once (they accept or decline). */
export function transferRequestNotice(transfer: { id: string; caseId: string; toOfficeId: string }): Omit<ScheduleReminder, 'dueAt' | 'escalation'> {
  return {
    key: `${CaseReminderRule.TransferRequested}:${transfer.id}`,
    rule: CaseReminderRule.TransferRequested,
    subjectType: 'case_transfer',
    subjectId: transfer.id,
    officeId: transfer.toOfficeId,
    title: 'ケース移管の受理依頼が届きました',
    recipients: [{ kind: 'office_role', officeId: transfer.toOfficeId, role: Role.Supervisor }],
  };
}
