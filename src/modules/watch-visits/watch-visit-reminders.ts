import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { JapanDate, japanDateTime } from '../../common/time/japan-time';
import { addWorkingDays } from '../../common/time/working-days';
import { RemindersService, ScheduleReminder } from '../reminders/reminders.service';
import { WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';
import { WatchVisitAlert } from './entities/watch-visit.entity';
import { ESCALATE_AFTER_WORKING_DAYS } from './overdue';

export enum WatchVisitRule {
  /** The working day before the due date → the responsible worker; 3 working days overdue → the supervisors. */
  Due = 'watch_visit.due',
  ChildNotSeenTwice = 'watch_visit.child_not_seen_twice',
  RiskHigher = 'watch_visit.risk_higher',
}

export const WATCH_VISIT_RULE_LABELS: Record<WatchVisitRule, string> = {
  [WatchVisitRule.Due]: '見守り訪問の予定日（前開庁日に担当者へ、3開庁日超過で係長・所長へ）',
  [WatchVisitRule.ChildNotSeenTwice]: '見守り訪問で児童を2回続けて目視できず（係長・所長へ即時）',
  [WatchVisitRule.RiskHigher]: '見守り訪問でリスク上昇（係長・所長へ即時）',
};

/** Reminders are sent in the morning of a working day, when the office is open to act on them. */
const REMINDER_HOUR = 9;

/** What the due reminder depends on. */
export interface PlanForReminder {
  id: string;
  status: WatchVisitPlanStatus;
  nextDueOn: JapanDate | null;
  responsibleWorkerId: string;
}

export const planDueKey = (planId: string): string => `${WatchVisitRule.Due}:${planId}`;

/** When a plan due on `nextDueOn` reminds its worker (the working day before) and escalates (3 working days late). */
export function planDueTimes(nextDueOn: JapanDate): { dueAt: Date; escalationAt: Date } {
  return {
    dueAt: japanDateTime(addWorkingDays(nextDueOn, -1), REMINDER_HOUR),
    escalationAt: japanDateTime(addWorkingDays(nextDueOn, ESCALATE_AFTER_WORKING_DAYS), REMINDER_HOUR),
  };
}

const ALERT_RULES: Record<WatchVisitAlert, { rule: WatchVisitRule; title: string }> = {
  [WatchVisitAlert.ChildNotSeenTwice]: { rule: WatchVisitRule.ChildNotSeenTwice, title: '見守り訪問：児童を2回続けて目視できていません' },
  [WatchVisitAlert.RiskHigher]: { rule: WatchVisitRule.RiskHigher, title: '見守り訪問：リスクが上昇しました' },
};

/** The watch-visit rules on the reminder engine: one place that knows their keys, times and recipients. */
@Injectable()
export class WatchVisitReminders {
  constructor(private readonly reminders: RemindersService) {}

  /**
   * Puts the plan's due reminder where the plan now says: moved to the new due
   * date after a visit or a change, cancelled while paused or after the end.
   */
  async planChanged(manager: EntityManager, plan: PlanForReminder, officeId: string): Promise<void> {
    const reminder = this.dueReminderOf(plan, officeId);
    if (reminder) await this.reminders.schedule(manager, reminder);
    else await this.reminders.cancel(manager, planDueKey(plan.id));
  }

  /**
   * As `planChanged` for many plans, skipping those whose reminder is already
   * where the plan says (the daily sweep finds nearly all of them so).
   */
  async plansChanged(manager: EntityManager, plans: Array<{ plan: PlanForReminder; officeId: string }>): Promise<number> {
    const wanted = plans.map(({ plan, officeId }) => ({ key: planDueKey(plan.id), reminder: this.dueReminderOf(plan, officeId) }));
    const inPlace = await this.reminders.inPlace(manager, wanted);
    const changed = wanted.filter(({ key }) => !inPlace.has(key));
    for (const { reminder } of changed) if (reminder) await this.reminders.schedule(manager, reminder);
    await this.reminders.cancelMany(
      manager,
      changed.filter(({ reminder }) => !reminder).map(({ key }) => key),
    );
    return changed.length;
  }

  /** The due reminder an active plan with a due date has (null: none should be open). */
  private dueReminderOf(plan: PlanForReminder, officeId: string): ScheduleReminder | null {
    if (plan.status !== WatchVisitPlanStatus.Active || !plan.nextDueOn) return null;
    const { dueAt, escalationAt } = planDueTimes(plan.nextDueOn);
    return {
      key: planDueKey(plan.id),
      rule: WatchVisitRule.Due,
      subjectType: 'watch_visit_plan',
      subjectId: plan.id,
      officeId,
      title: '見守り訪問の予定日が近づいています',
      dueAt,
      recipients: [{ kind: 'user', userId: plan.responsibleWorkerId }],
      escalation: {
        at: escalationAt,
        recipients: [{ kind: 'office_role', officeId, role: Role.Supervisor }],
        title: '見守り訪問が予定日から3開庁日以上遅れています',
        urgent: true,
      },
    };
  }

  /** A child not seen twice in a row, or a higher risk: the office's supervisors, at once. */
  async visitAlerts(manager: EntityManager, visitId: string, officeId: string, alerts: readonly WatchVisitAlert[]): Promise<void> {
    for (const alert of alerts) {
      const { rule, title } = ALERT_RULES[alert];
      await this.reminders.notifyNow(manager, {
        key: `${rule}:${visitId}`,
        rule,
        subjectType: 'watch_visit',
        subjectId: visitId,
        officeId,
        title,
        recipients: [{ kind: 'office_role', officeId, role: Role.Supervisor }],
        urgent: true,
      });
    }
  }
}
