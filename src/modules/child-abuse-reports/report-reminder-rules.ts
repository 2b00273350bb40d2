import { Role } from '../../common/auth/roles';
import type { ScheduleReminder } from '../reminders/reminders.service';
import { safetyDueAt, safetyReminderAt } from './rule48';

export enum ReportReminderRule {
  SafetyConfirmation = 'child_abuse_report.safety_confirmation',
}

export const REPORT_REMINDER_RULE_LABELS: Record<ReportReminderRule, string> = {
  [ReportReminderRule.SafetyConfirmation]: '通告の安全確認（48時間ルール）',
};

export const safetyConfirmationKey = (reportId: string): string => `${ReportReminderRule.SafetyConfirmation}:${reportId}`;

/**
 * The 48-hour clock of a report: at 24 hours without 安全確認 the case's lead
 * worker is reminded; at 48 hours the supervisors of the office holding the
 * case are alerted, urgent. Recording 安全確認 of every child cancels both.
 */
export function safetyConfirmationReminder(report: { id: string; receivedAt: Date }, c: { id: string; officeId: string }): ScheduleReminder {
  return {
    key: safetyConfirmationKey(report.id),
    rule: ReportReminderRule.SafetyConfirmation,
    subjectType: 'child_abuse_report',
    subjectId: report.id,
    officeId: c.officeId,
    title: '通告から24時間：安全確認が未了です',
    dueAt: safetyReminderAt(report.receivedAt),
    recipients: [{ kind: 'case_lead', caseId: c.id }],
    urgent: false,
    escalation: {
      at: safetyDueAt(report.receivedAt),
      recipients: [{ kind: 'office_role', officeId: c.officeId, role: Role.Supervisor }],
      title: '通告から48時間：安全確認が未了です',
      urgent: true,
    },
  };
}
