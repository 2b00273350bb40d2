import { ChildAbuseReportStatus, Rule48Result } from './child-abuse-report.entity';

const HOUR_MS = 60 * 60 * 1000;

/** 48時間ルール: every child concerned must be seen directly within 48 hours of receipt. */
export const SAFETY_CONFIRMATION_HOURS = 48;
/** The lead worker is reminded when half the time has passed without a confirmation. */
export const SAFETY_REMINDER_HOURS = 24;

export function safetyDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + SAFETY_CONFIRMATION_HOURS * HOUR_MS);
}

export function safetyReminderAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + SAFETY_REMINDER_HOURS * HOUR_MS);
}

/** The stored outcome, decided when the last child is seen. Exactly 48 hours still meets the rule. */
export function rule48Result(receivedAt: Date, confirmedAt: Date): Rule48Result {
  return confirmedAt.getTime() <= safetyDueAt(receivedAt).getTime() ? Rule48Result.Met : Rule48Result.Missed;
}

export type Rule48Status = 'pending' | 'overdue' | Rule48Result;

/** For lists and the UI: the stored result once confirmed, else pending or overdue by the clock. */
export function rule48Status(report: { status: ChildAbuseReportStatus; receivedAt: Date; rule48Result: Rule48Result | null }, now: Date = new Date()): Rule48Status {
  if (report.rule48Result) return report.rule48Result;
  return now.getTime() > safetyDueAt(report.receivedAt).getTime() ? 'overdue' : 'pending';
}

export const RULE48_STATUS_LABELS: Record<Rule48Status, string> = {
  pending: '確認期限内',
  overdue: '48時間超過・未確認',
  met: '48時間以内に確認',
  missed: '48時間超過後に確認',
};
