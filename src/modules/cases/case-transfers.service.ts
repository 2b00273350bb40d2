import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, conflict, forbidden, invalidTransition, notFound, validationFailed } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { AuditNote } from '../audit/audited.decorator';
import { createInTransaction } from '../audit/write-audit';
import { allocateCaseNumber } from './case-number.allocator';
import { recordCaseEvent } from './case-events';
import { assertCaseStateAction } from './case-lifecycle';
import { CaseReminders } from './case-reminders';
import { CaseTransferHooks } from './case-hooks';
import { countTransfers, transferViews, transferViewsWithKeys } from './case-transfer-view';
import { assertCaseWorkers } from './case-workers';
import { lockCase, lockCaseForWrite } from './cases.service';
import { AcceptTransferDto, CaseTransferView, DeclineTransferDto, ListTransfersQuery, RequestTransferDto } from './dto/case.dto';
import { CaseEventKind } from './entities/case-event.entity';
import { CaseTransferStatus } from './entities/case-transfer.entity';

interface LockedTransfer {
  id: string;
  case_id: string;
  from_office_id: string;
  to_office_id: string;
  status: CaseTransferStatus;
  previous_case_number: string;
}

/**
 * Transfer of a case to another office when the family moves (転居). The
 * sending office's supervisor offers it; the receiving office's supervisor
 * accepts (the case moves, gets a number of the new office, and the sending
 * office keeps read access through a 'transfer' share) or declines.
 * A transfer is visible to the supervisors of both offices only.
 */
@Injectable()
export class CaseTransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: CaseReminders,
    private readonly hooks: CaseTransferHooks,
  ) {}

  async request(actor: Actor, caseId: string, dto: RequestTransferDto, note: AuditNote): Promise<CaseTransferView> {
    note.reason = dto.reason;
    const id = await createInTransaction(this.dataSource, async (manager) => {
      // Checked after the lock: a transfer accepted meanwhile would otherwise let this office offer another's case.
      const found = await lockCaseForWrite(manager, this.access, actor, caseId);
      assertCaseStateAction(found.status, 'edit');
      if (dto.toOfficeId === found.officeId) throw validationFailed([{ field: 'toOfficeId', code: 'same_office', message: '移管先が現在の所属と同じです。' }]);
      const office: Array<{ id: string }> = await manager.query(`SELECT id FROM offices WHERE id = $1 AND active`, [dto.toOfficeId]);
      if (!office[0]) throw validationFailed([{ field: 'toOfficeId', code: 'unknown_office', message: '移管先の所属が見つかりません。' }]);
      const pending: unknown[] = await manager.query(`SELECT 1 FROM case_transfers WHERE case_id = $1 AND status = 'requested'`, [caseId]);
      if (pending.length > 0) throw conflict('A transfer of this case is already waiting for the receiving office.');
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO case_transfers (case_id, from_office_id, to_office_id, reason, previous_case_number, requested_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [caseId, found.officeId, dto.toOfficeId, dto.reason, found.caseNumber, actor.userId],
      );
      await recordCaseEvent(manager, { caseId, kind: CaseEventKind.TransferRequested, actor, reason: dto.reason, details: { transferId: row.id, toOfficeId: dto.toOfficeId } });
      await this.reminders.notifyTransferRequested(manager, { id: row.id, caseId, toOfficeId: dto.toOfficeId });
      return row.id;
    });
    note.resourceId = id;
    note.related = [{ resourceType: 'case', resourceId: caseId }];
    return this.get(actor, id);
  }

  async list(actor: Actor, query: ListTransfersQuery): Promise<Page<CaseTransferView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const column = query.direction === 'outgoing' ? 't.from_office_id' : 't.to_office_id';
    const conditions = [`${column} = :office`];
    const params: Record<string, unknown> = { office: actor.officeId };
    if (query.status) {
      conditions.push('t.status = :status');
      params.status = query.status;
    }
    const total = await countTransfers(this.dataSource.manager, conditions.join(' AND '), params);
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      conditions.push('(t.requested_at, t.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))');
      Object.assign(params, { afterAt: after[0], afterId: after[1] });
    }
    const rows = await transferViewsWithKeys(this.dataSource.manager, conditions.join(' AND '), { ...params, take: limit + 1 }, 'ORDER BY t.requested_at DESC, t.id DESC LIMIT :take');
    const page = toPage(rows, limit, (row) => [row.sortKey, row.view.id]);
    return { items: page.items.map((row) => row.view), nextCursor: page.nextCursor, total };
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<CaseTransferView> {
    const [view] = await transferViews(manager, 't.id = :id', { id });
    if (!view || (view.fromOfficeId !== actor.officeId && view.toOfficeId !== actor.officeId)) throw notFound('case transfer');
    return view;
  }

  /** The receiving office takes the case over: new number, new lead worker, and the sender keeps reading. */
  async accept(actor: Actor, id: string, dto: AcceptTransferDto, note: AuditNote): Promise<CaseTransferView> {
    await this.dataSource.transaction(async (manager) => {
      const transfer = await this.lockTransfer(manager, actor, id, 'to', 'accept');
      note.related = [{ resourceType: 'case', resourceId: transfer.case_id }];
      const found = await lockCase(manager, transfer.case_id);
      if (found.officeId !== transfer.from_office_id) throw businessRule('The case is no longer held by the office that offered it.');
      // Closed after the offer was made: a closed case is not handed over (decline it, or reopen and offer it again).
      assertCaseStateAction(found.status, 'edit');
      await assertCaseWorkers(manager, transfer.to_office_id, { leadWorkerId: dto.leadWorkerId ?? null });
      const { caseNumber, fiscalYear } = await allocateCaseNumber(manager, transfer.to_office_id, todayInJapan());
      await manager.query(
        `UPDATE cases SET office_id = $2, case_number = $3, fiscal_year = $4, lead_worker_id = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [found.id, transfer.to_office_id, caseNumber, fiscalYear, dto.leadWorkerId ?? null],
      );
      // The old office's workers are no longer assigned; the old office reads the case through its share.
      await manager.query(`DELETE FROM case_co_workers WHERE case_id = $1`, [found.id]);
      await manager.query(`DELETE FROM case_office_shares WHERE case_id = $1 AND office_id = $2`, [found.id, transfer.to_office_id]);
      await manager.query(
        `INSERT INTO case_office_shares (case_id, office_id, reason) VALUES ($1, $2, 'transfer') ON CONFLICT (case_id, office_id) DO UPDATE SET reason = 'transfer', granted_at = now()`,
        [found.id, transfer.from_office_id],
      );
      await manager.query(`UPDATE case_transfers SET status = 'accepted', decided_by = $2, decided_at = now(), decision_comment = $3, new_case_number = $4, version = version + 1 WHERE id = $1`, [
        id,
        actor.userId,
        dto.comment ?? null,
        caseNumber,
      ]);
      await recordCaseEvent(manager, {
        caseId: found.id,
        kind: CaseEventKind.TransferAccepted,
        actor,
        reason: dto.comment ?? null,
        details: { transferId: id, fromOfficeId: transfer.from_office_id, toOfficeId: transfer.to_office_id, previousCaseNumber: found.caseNumber, newCaseNumber: caseNumber },
      });
      await this.reminders.scheduleProgressReview(manager, { ...found, officeId: transfer.to_office_id });
      await this.hooks.run(manager, {
        caseId: found.id,
        fromOfficeId: transfer.from_office_id,
        toOfficeId: transfer.to_office_id,
        leadWorkerId: dto.leadWorkerId ?? null,
        actorId: actor.userId,
        acceptedOn: todayInJapan(),
      });
    });
    return this.get(actor, id);
  }

  async decline(actor: Actor, id: string, dto: DeclineTransferDto, note: AuditNote): Promise<CaseTransferView> {
    note.reason = dto.comment;
    await this.dataSource.transaction(async (manager) => {
      const transfer = await this.lockTransfer(manager, actor, id, 'to', 'decline');
      await this.finish(manager, actor, transfer, CaseTransferStatus.Declined, dto.comment, CaseEventKind.TransferDeclined);
      note.related = [{ resourceType: 'case', resourceId: transfer.case_id }];
    });
    return this.get(actor, id);
  }

  async cancel(actor: Actor, id: string, dto: DeclineTransferDto, note: AuditNote): Promise<CaseTransferView> {
    note.reason = dto.comment;
    await this.dataSource.transaction(async (manager) => {
      const transfer = await this.lockTransfer(manager, actor, id, 'from', 'cancel');
      await this.finish(manager, actor, transfer, CaseTransferStatus.Cancelled, dto.comment, CaseEventKind.TransferCancelled);
      note.related = [{ resourceType: 'case', resourceId: transfer.case_id }];
    });
    return this.get(actor, id);
  }

  private async finish(manager: EntityManager, actor: Actor, transfer: LockedTransfer, status: CaseTransferStatus, comment: string, kind: CaseEventKind): Promise<void> {
    await manager.query(`UPDATE case_transfers SET status = $2, decided_by = $3, decided_at = now(), decision_comment = $4, version = version + 1 WHERE id = $1`, [
      transfer.id,
      status,
      actor.userId,
      comment,
    ]);
    await recordCaseEvent(manager, { caseId: transfer.case_id, kind, actor, reason: comment, details: { transferId: transfer.id } });
  }

  /**
   * Locks a pending transfer for a decision by the given side. The other
   * side's supervisor gets 403 (they can see the transfer); anyone else 404.
   */
  private async lockTransfer(manager: EntityManager, actor: Actor, id: string, side: 'from' | 'to', action: string): Promise<LockedTransfer> {
    const [transfer]: LockedTransfer[] = await manager.query(
      `SELECT id, case_id, from_office_id, to_office_id, status, previous_case_number FROM case_transfers WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!transfer || (transfer.from_office_id !== actor.officeId && transfer.to_office_id !== actor.officeId)) throw notFound('case transfer');
    const mine = side === 'to' ? transfer.to_office_id : transfer.from_office_id;
    if (mine !== actor.officeId) {
      throw forbidden(side === 'to' ? 'Only the receiving office decides on a transfer.' : 'Only the sending office can withdraw a transfer.');
    }
    if (transfer.status !== CaseTransferStatus.Requested) throw invalidTransition(transfer.status, action, []);
    return transfer;
  }
}
