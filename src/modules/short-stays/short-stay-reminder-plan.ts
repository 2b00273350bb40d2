import { Role } from '../../common/auth/roles';
import { addDays, japanDateTime, JapanDate, todayInJapan } from '../../common/time/japan-time';
import { ShortStayReminderRule } from './short-stay.enums';

/** Reminders go out at the start of the working morning, Japan time. */
export const REMINDER_HOUR_JST = 9;
/** "Return check not recorded 3 days after the last night" → the worker. */
export const RETURN_CHECK_DUE_DAYS = 3;
/** Still not recorded this many days later → the office's supervisors. */
export const RETURN_CHECK_ESCALATION_DAYS = 2;

export type PlannedRecipient = { kind: 'user'; userId: string } | { kind: 'office_role'; officeId: string; role: Role };

export interface PlannedReminder {
  key: string;
  rule: ShortStayReminderRule;
  subjectType: 'short_stay';
  subjectId: string;
  officeId: string;
  title: string;
  dueAt: Date;
  recipients: PlannedRecipient[];
  urgent?: boolean;
  escalation?: { at: Date; recipients: PlannedRecipient[]; title?: string; urgent?: boolean };
}

export interface StayForReminders {
  id: string;
  officeId: string;
  /** Who works the stay: its requester, or after a transfer the receiving office's worker. */
  workerId: string;
  firstNight: JapanDate;
  lastNight: JapanDate;
}

export const startsTomorrowKey = (stayId: string): string => `${ShortStayReminderRule.StartsTomorrow}:${stayId}`;
export const returnCheckKey = (stayId: string): string => `${ShortStayReminderRule.ReturnCheckDue}:${stayId}`;

/**
 * The reminders of a booked stay (approved, or extended):
 * - the day before the first night, to the stay's worker — or at once
 *   when approved later that day; none when the stay starts today or earlier;
 * - three days after the last night, the return check, to the worker; two
 *   days later still unrecorded, to the office's supervisors (urgent).
 * Titles carry no names: they appear in inboxes and e-mails.
 */
export function planStayReminders(stay: StayForReminders, now: Date = new Date()): PlannedReminder[] {
  const base = { subjectType: 'short_stay' as const, subjectId: stay.id, officeId: stay.officeId };
  const worker: PlannedRecipient = { kind: 'user', userId: stay.workerId };
  const planned: PlannedReminder[] = [];
  if (stay.firstNight > todayInJapan(now)) {
    const dayBefore = japanDateTime(addDays(stay.firstNight, -1), REMINDER_HOUR_JST);
    planned.push({
      ...base,
      key: startsTomorrowKey(stay.id),
      rule: ShortStayReminderRule.StartsTomorrow,
      title: 'ショートステイが明日から始まります',
      dueAt: dayBefore > now ? dayBefore : now,
      recipients: [worker],
    });
  }
  planned.push({
    ...base,
    key: returnCheckKey(stay.id),
    rule: ShortStayReminderRule.ReturnCheckDue,
    title: 'ショートステイ後の帰宅確認が未記録です',
    dueAt: japanDateTime(addDays(stay.lastNight, RETURN_CHECK_DUE_DAYS), REMINDER_HOUR_JST),
    recipients: [worker],
    escalation: {
      at: japanDateTime(addDays(stay.lastNight, RETURN_CHECK_DUE_DAYS + RETURN_CHECK_ESCALATION_DAYS), REMINDER_HOUR_JST),
      recipients: [{ kind: 'office_role', officeId: stay.officeId, role: Role.Supervisor }],
      title: 'ショートステイ後の帰宅確認が未記録のままです（担当者に確認してください）',
      urgent: true,
    },
  });
  return planned;
}
