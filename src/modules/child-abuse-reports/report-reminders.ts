import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseTransferHooks } from '../cases/case-hooks';
import { RemindersService } from '../reminders/reminders.service';
import { safetyConfirmationKey, safetyConfirmationReminder } from './report-reminder-rules';

/**
 * The 48-hour clock's reminders, scheduled and cancelled inside the
 * transaction that records the report or its 安全確認. When a case moves to
 * another office, pending clocks follow it (the escalation goes to the new
 * office's supervisors).
 */
@Injectable()
export class ReportReminders implements OnModuleInit {
  constructor(
    private readonly reminders: RemindersService,
    private readonly transferHooks: CaseTransferHooks,
  ) {}

  onModuleInit(): void {
    this.transferHooks.register('child_abuse_report.safety_confirmation', async (manager, transfer) => {
      const pending: Array<{ id: string; received_at: Date }> = await manager.query(`SELECT id, received_at FROM child_abuse_reports WHERE case_id = $1 AND status = 'received'`, [
        transfer.caseId,
      ]);
      for (const report of pending) await this.scheduleSafetyConfirmation(manager, { id: report.id, receivedAt: report.received_at }, { id: transfer.caseId, officeId: transfer.toOfficeId });
    });
  }

  async scheduleSafetyConfirmation(manager: EntityManager, report: { id: string; receivedAt: Date }, c: { id: string; officeId: string }): Promise<void> {
    await this.reminders.schedule(manager, safetyConfirmationReminder(report, c));
  }

  async cancelSafetyConfirmation(manager: EntityManager, reportId: string): Promise<void> {
    await this.reminders.cancel(manager, safetyConfirmationKey(reportId));
  }
}
