import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { conflict, invalidTransition, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { AuditNote } from '../audit/audited.decorator';
import { recordCaseEvent } from './case-events';
import { assertCaseStateAction, statusAfter } from './case-lifecycle';
import { CaseReminders } from './case-reminders';
import { CaseClosureHooks } from './case-hooks';
import { assertCaseWorkers } from './case-workers';
import { CasesService, lockCaseForWrite, saveCase } from './cases.service';
import { AssignCaseDto, BreakGlassGrantView, CaseReasonDto, CaseView } from './dto/case.dto';
import { Case } from './entities/case.entity';
import { CaseEventKind } from './entities/case-event.entity';
import { nextReviewAfter, reviewIntervalMonths } from './progress-review-schedule';

/** A break-glass grant opens a restricted case for this long (one shift), then a new reason is needed. */
export const BREAK_GLASS_HOURS = 4;

/**
 * Supervisor decisions on a case (assign, close, reopen, restrict) and the
 * break-glass opening of a restricted case. Each records who, when and why
 * in the case history; the audit interceptor records the call.
 */
@Injectable()
export class CaseSupervisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly cases: CasesService,
    private readonly reminders: CaseReminders,
    private readonly closureHooks: CaseClosureHooks,
  ) {}

  async assign(actor: Actor, id: string, dto: AssignCaseDto): Promise<CaseView> {
    return this.change(actor, id, dto.version, async (manager, found) => {
      assertCaseStateAction(found.status, 'edit');
      await assertCaseWorkers(manager, found.officeId, dto);
      const before = await this.coWorkerIds(manager, id);
      await manager.query(`DELETE FROM case_co_workers WHERE case_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [id, dto.coWorkerIds]);
      for (const userId of dto.coWorkerIds) await manager.query(`INSERT INTO case_co_workers (case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, userId]);
      const previousLead = found.leadWorkerId;
      found.leadWorkerId = dto.leadWorkerId;
      await recordCaseEvent(manager, {
        caseId: id,
        kind: CaseEventKind.Assigned,
        actor,
        details: { leadWorkerId: { from: previousLead, to: dto.leadWorkerId }, coWorkerIds: { from: before, to: dto.coWorkerIds } },
      });
    });
  }

  async close(actor: Actor, id: string, dto: CaseReasonDto): Promise<CaseView> {
    return this.change(actor, id, dto.version, async (manager, found) => {
      found.status = statusAfter(found.status, 'close');
      found.closedAt = new Date();
      found.closedReason = dto.reason;
      found.nextReviewOn = null;
      await recordCaseEvent(manager, { caseId: id, kind: CaseEventKind.Closed, actor, reason: dto.reason });
      await this.reminders.scheduleProgressReview(manager, found);
      await this.closureHooks.run(manager, { caseId: id, officeId: found.officeId, closedOn: todayInJapan(), actorId: actor.userId, reason: dto.reason });
    });
  }

  /** Reopening starts a new review cycle from today. */
  async reopen(actor: Actor, id: string, dto: CaseReasonDto): Promise<CaseView> {
    return this.change(actor, id, dto.version, async (manager, found) => {
      const closedReason = found.closedReason;
      found.status = statusAfter(found.status, 'reopen');
      found.closedAt = null;
      found.closedReason = null;
      found.nextReviewOn = nextReviewAfter(todayInJapan(), await reviewIntervalMonths(manager, found.supportLevel));
      await recordCaseEvent(manager, { caseId: id, kind: CaseEventKind.Reopened, actor, reason: dto.reason, details: { previousClosedReason: closedReason } });
      await this.reminders.scheduleProgressReview(manager, found);
    });
  }

  async restrict(actor: Actor, id: string, dto: CaseReasonDto, restricted: boolean): Promise<CaseView> {
    return this.change(actor, id, dto.version, async (manager, found) => {
      assertCaseStateAction(found.status, 'edit');
      if (found.restricted === restricted) throw invalidTransition(found.restricted ? 'restricted' : 'unrestricted', restricted ? 'restrict' : 'unrestrict', [found.restricted ? 'unrestrict' : 'restrict']);
      found.restricted = restricted;
      await recordCaseEvent(manager, { caseId: id, kind: restricted ? CaseEventKind.Restricted : CaseEventKind.Unrestricted, actor, reason: dto.reason });
    });
  }

  /**
   * Opens a restricted case for a limited time on a stated reason. Only for
   * callers the case asks a reason of; the reason goes to the audit log (via
   * the note), to the case history, and to the office's supervisors at once.
   */
  async breakGlass(actor: Actor, id: string, reason: string, note: AuditNote): Promise<BreakGlassGrantView> {
    note.reason = reason;
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.access.caseAccess(manager, actor, id);
      if (facts.level === 'none') await this.access.assertCaseAccess(manager, actor, id, 'read');
      if (facts.level !== 'break_glass_required') throw conflict('You can already open this case; no break-glass reason is needed.');
      const [grant] = await sqlRows<{ id: string; expires_at: Date }>(
        manager,
        `INSERT INTO case_access_grants (case_id, user_id, reason, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id, expires_at`,
        [id, actor.userId, reason, BREAK_GLASS_HOURS],
      );
      note.details = { grantId: grant.id, expiresAt: grant.expires_at };
      await recordCaseEvent(manager, { caseId: id, kind: CaseEventKind.BreakGlass, actor, reason, details: { grantId: grant.id, expiresAt: grant.expires_at } });
      await this.reminders.notifyBreakGlass(manager, { id, officeId: facts.officeId }, grant.id);
      return { id: grant.id, caseId: id, expiresAt: grant.expires_at };
    });
  }

  /** Supervisor changes: lock, scope (write), version check, the change, then the fresh view. */
  private async change(actor: Actor, id: string, version: number, apply: (manager: EntityManager, found: Case) => Promise<void>): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await lockCaseForWrite(manager, this.access, actor, id);
      if (found.version !== version) throw versionConflict();
      await apply(manager, found);
      await saveCase(manager, found, version);
      return this.cases.get(actor, id, manager);
    });
  }

  private async coWorkerIds(manager: EntityManager, id: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(`SELECT user_id FROM case_co_workers WHERE case_id = $1 ORDER BY user_id`, [id]);
    return rows.map((row) => row.user_id);
  }
}
