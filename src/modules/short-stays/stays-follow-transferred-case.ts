import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRows } from '../../database/sql';
import { CaseTransferHooks, CaseTransferred } from '../cases/case-hooks';
import { ShortStayReminders } from './short-stay-reminders';

/**
 * 移管: a short stay still to be decided or under way goes with its case. The
 * receiving office's supervisors decide and extend it (the sending office
 * only reads the case now), and the stay's reminders — the start and the
 * return check — go to whoever works the stay there (its lead worker, or the
 * accepting supervisor when none was named) and its supervisors. Stays
 * already over stay counted where they happened.
 */
@Injectable()
export class StaysFollowTransferredCase implements OnModuleInit {
  constructor(
    private readonly transferHooks: CaseTransferHooks,
    private readonly reminders: ShortStayReminders,
  ) {}

  onModuleInit(): void {
    this.transferHooks.register('short_stays.office', (manager, transfer) => this.handOver(manager, transfer));
  }

  private async handOver(manager: EntityManager, transfer: CaseTransferred): Promise<void> {
    const moved = await sqlRows<{ id: string; status: string; requested_by: string; first_night: string; last_night: string }>(
      manager,
      `UPDATE short_stays SET office_id = $2, version = version + 1, updated_at = now()
        WHERE case_id = $1 AND status IN ('requested', 'approved', 'in_stay')
        RETURNING id, status, requested_by, first_night::text, last_night::text`,
      [transfer.caseId, transfer.toOfficeId],
    );
    for (const stay of moved) {
      if (stay.status === 'requested') continue; // Reminders begin at approval.
      await this.reminders.stayHandedOver(
        manager,
        { id: stay.id, officeId: transfer.toOfficeId, caseId: transfer.caseId, requestedBy: stay.requested_by, firstNight: stay.first_night, lastNight: stay.last_night },
        transfer.actorId,
        stay.status === 'in_stay',
      );
    }
  }
}
