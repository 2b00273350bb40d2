import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { addMonths, JapanDate, japanDateTime, todayInJapan } from '../../common/time/japan-time';
import { addWorkingDays } from '../../common/time/working-days';
import { namedRows } from '../../database/named-sql';
import { ReminderRecipient, RemindersService } from '../reminders/reminders.service';
import { latestOverdueMonth, monthOf, reportDeadline } from './attendance-rules';
import { FacilityRoundStatus } from './entities/facility-round.entity';

export enum FacilityRoundRule {
  /** The working day before a planned round → its visitors. */
  RoundDue = 'facility_round.due',
  /** A month's attendance report not received by the 10th of the next month → the lead worker. */
  AttendanceReportMissing = 'attendance_report.missing',
  /** Absent 7 days or more in a row → the lead worker, at once. */
  LongAbsence = 'attendance_report.long_absence',
}

export const FACILITY_ROUND_RULE_LABELS: Record<FacilityRoundRule, string> = {
  [FacilityRoundRule.RoundDue]: '巡回訪問の予定日（前開庁日に訪問者へ）',
  [FacilityRoundRule.AttendanceReportMissing]: '出欠状況報告の未着（翌月10日を過ぎて主担当へ）',
  [FacilityRoundRule.LongAbsence]: '7日以上の連続欠席（主担当へ即時）',
};

const REMINDER_HOUR = 9;

export const roundDueKey = (roundId: string): string => `${FacilityRoundRule.RoundDue}:${roundId}`;
export const reportMissingKey = (childOfConcernId: string, month: string): string => `${FacilityRoundRule.AttendanceReportMissing}:${childOfConcernId}:${month}`;

/**
 * The lead worker (主担当) of the case; a case without one goes to the
 * office's supervisors, so that the notice always reaches someone.
 */
export function leadRecipients(leadWorkerId: string | null, officeId: string): ReminderRecipient[] {
  return leadWorkerId ? [{ kind: 'user', userId: leadWorkerId }] : [{ kind: 'office_role', officeId, role: Role.Supervisor }];
}

/** The facility-round and attendance rules on the reminder engine: keys, times and recipients. */
@Injectable()
export class FacilityRoundReminders {
  constructor(private readonly reminders: RemindersService) {}

  /** A planned round is reminded the working day before; recording or cancelling it cancels the reminder. */
  async roundChanged(manager: EntityManager, round: { id: string; status: FacilityRoundStatus; plannedOn: JapanDate; visitorIds: string[]; officeId: string }): Promise<void> {
    if (round.status !== FacilityRoundStatus.Planned) {
      await this.reminders.cancel(manager, roundDueKey(round.id));
      return;
    }
    await this.reminders.schedule(manager, {
      key: roundDueKey(round.id),
      rule: FacilityRoundRule.RoundDue,
      subjectType: 'facility_round',
      subjectId: round.id,
      officeId: round.officeId,
      title: '巡回訪問の予定日が近づいています',
      dueAt: japanDateTime(addWorkingDays(round.plannedOn, -1), REMINDER_HOUR),
      recipients: round.visitorIds.map((userId) => ({ kind: 'user' as const, userId })),
    });
  }

  async longAbsence(manager: EntityManager, reportId: string, lead: { leadWorkerId: string | null; officeId: string }): Promise<void> {
    await this.reminders.notifyNow(manager, {
      key: `${FacilityRoundRule.LongAbsence}:${reportId}`,
      rule: FacilityRoundRule.LongAbsence,
      subjectType: 'attendance_report',
      subjectId: reportId,
      officeId: lead.officeId,
      title: '要配慮児童が7日以上連続で欠席しています',
      recipients: leadRecipients(lead.leadWorkerId, lead.officeId),
      urgent: true,
    });
  }

  async reportReceived(manager: EntityManager, childOfConcernId: string, month: string): Promise<void> {
    await this.reminders.cancel(manager, reportMissingKey(childOfConcernId, month));
  }

  /**
   * Puts a "report missing" reminder (due the morning after the deadline) on
   * every month whose deadline is still ahead — this month, and last month
   * until the 10th — for each flag still active then without a report, and
   * takes them off months the flag no longer covers. Set-based and
   * idempotent: run when flags change, and daily for every flag.
   */
  async syncReportReminders(manager: EntityManager, options: { childOfConcernIds?: string[]; asOf?: JapanDate } = {}): Promise<number> {
    const asOf = options.asOf ?? todayInJapan();
    const firstOpen = addMonths(latestOverdueMonth(asOf), 1);
    const current = `${monthOf(asOf)}-01`;
    const only = options.childOfConcernIds ? 'AND f.id = ANY (:ids::uuid[])' : '';
    const rows = await namedRows<{ id: string; month: string; office_id: string; lead_worker_id: string | null; wanted: boolean }>(
      manager,
      `SELECT f.id, m.month::date::text AS month, c.office_id, c.lead_worker_id,
              (m.month >= date_trunc('month', f.start_on) AND (f.end_on IS NULL OR f.end_on >= m.month) AND c.status <> 'closed'
               AND NOT EXISTS (SELECT 1 FROM attendance_reports r WHERE r.child_of_concern_id = f.id AND r.month = m.month)) AS wanted
         FROM children_of_concern f
         JOIN cases c ON c.id = f.case_id
         CROSS JOIN LATERAL generate_series(:firstOpen::date, :current::date, interval '1 month') AS m(month)
        WHERE (f.end_on IS NULL OR f.end_on >= :firstOpen::date - interval '1 month') ${only}`,
      { firstOpen, current, ids: options.childOfConcernIds },
    );
    const unwanted = rows.filter((r) => !r.wanted).map((r) => reportMissingKey(r.id, monthOf(r.month)));
    await this.reminders.cancelMany(manager, unwanted);
    for (const row of rows.filter((r) => r.wanted)) {
      await this.reminders.schedule(manager, {
        key: reportMissingKey(row.id, monthOf(row.month)),
        rule: FacilityRoundRule.AttendanceReportMissing,
        subjectType: 'child_of_concern',
        subjectId: row.id,
        officeId: row.office_id,
        title: '施設からの出欠状況報告が届いていません',
        dueAt: japanDateTime(addWorkingDays(reportDeadline(row.month), 1), REMINDER_HOUR),
        recipients: leadRecipients(row.lead_worker_id, row.office_id),
      });
    }
    return rows.length - unwanted.length;
  }
}
