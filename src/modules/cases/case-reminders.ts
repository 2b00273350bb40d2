import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RemindersService } from '../reminders/reminders.service';
import { breakGlassNotice, progressReviewKey, progressReviewReminder, transferRequestNotice } from './case-reminder-rules';
import { CaseStatus } from './entities/case.entity';

/** The cases module's reminders, scheduled inside the transaction that changes the case. */
@Injectable()
export class CaseReminders {
  constructor(private readonly reminders: RemindersService) {}

  /** Schedules (or moves) the 進行管理 reminder to the case's next review date; a closed case has none. */
  async scheduleProgressReview(manager: EntityManager, c: { id: string; officeId: string; status: CaseStatus; nextReviewOn: string | null }): Promise<void> {
    if (c.status === CaseStatus.Closed || c.nextReviewOn === null) {
      await this.reminders.cancel(manager, progressReviewKey(c.id));
      return;
    }
    await this.reminders.schedule(manager, progressReviewReminder({ id: c.id, officeId: c.officeId, nextReviewOn: c.nextReviewOn }));
  }

  async notifyTransferRequested(manager: EntityManager, transfer: { id: string; caseId: string; toOfficeId: string }): Promise<void> {
    await this.reminders.notifyNow(manager, transferRequestNotice(transfer));
  }

  async notifyBreakGlass(manager: EntityManager, c: { id: string; officeId: string }, grantId: string): Promise<void> {
    await this.reminders.notifyNow(manager, breakGlassNotice(c, grantId));
  }
}
