import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, CaseAccessFacts } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, conflict, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { namedRows } from '../../database/named-sql';
import { sqlRows } from '../../database/sql';
import { assertCaseworkStaff } from '../users/casework-staff';
import { createInTransaction } from '../audit/write-audit';
import {
  CreateWatchVisitPlanDto,
  EndWatchVisitPlanDto,
  ListWatchVisitPlansQuery,
  PauseWatchVisitPlanDto,
  ResumeWatchVisitPlanDto,
  UpdateWatchVisitPlanDto,
  WatchVisitPlanEventView,
  WatchVisitPlanView,
} from './dto/watch-visit-plan.dto';
import { VISIT_FREQUENCY_LABELS, VisitFrequency, WATCH_VISIT_PLAN_STATUS_LABELS, WatchVisitPlan, WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';
import { WATCH_VISIT_PLAN_ACTION_LABELS, WatchVisitPlanAction } from './entities/watch-visit-plan-event.entity';
import { overdueFacts } from './overdue';
import { PlanDueScheduler } from './plan-due.scheduler';
import { allowedPlanActions, assertPlanAction, endPlan, PlanAction } from './plan-state';

interface PlanRow {
  id: string;
  case_id: string;
  frequency: VisitFrequency;
  interval_days: number | null;
  start_on: string;
  responsible_worker_id: string;
  purpose: string;
  status: WatchVisitPlanStatus;
  next_due_on: string | null;
  last_visit_on: string | null;
  resumed_on: string | null;
  paused_on: string | null;
  pause_reason: string | null;
  ended_on: string | null;
  end_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  case_number: string;
  case_label: string;
  office_id: string;
  responsible_worker_name: string;
}

const PLAN_SELECT = `
  SELECT p.id, p.case_id, p.frequency, p.interval_days, p.start_on, p.responsible_worker_id, p.purpose, p.status,
         p.next_due_on, p.last_visit_on, p.resumed_on, p.paused_on, p.pause_reason, p.ended_on, p.end_reason,
         p.version, p.created_at, p.updated_at,
         c.case_number, c.label AS case_label, c.office_id, u.display_name AS responsible_worker_name
    FROM watch_visit_plans p
    JOIN cases c ON c.id = p.case_id
    JOIN users u ON u.id = p.responsible_worker_id`;

/** Sorts plans without a due date (paused, ended) after the dated ones; the same expression as watch_visit_plans_list_idx. */
const NO_DUE = '9999-12-31';
const LIST_ORDER = `coalesce(p.next_due_on, '${NO_DUE}'::date)`;

/**
 * 見守り訪問計画: one plan in force per case. Its next due date is derived
 * from the visits (see `deriveNextDue`), never typed in; pausing and ending
 * remove it and cancel the reminder, resuming derives it again.
 */
@Injectable()
export class WatchVisitPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly scheduler: PlanDueScheduler,
  ) {}

  async create(actor: Actor, dto: CreateWatchVisitPlanDto): Promise<WatchVisitPlanView> {
    const id = await createInTransaction(this.dataSource, async (manager) => {
      // The case row is share-locked until the plan is in: a transfer or closure of the case waits for it (and then
      // hands over or ends the plan), or goes first and is seen here.
      const facts = await this.access.assertCaseAccess(manager, actor, dto.caseId, 'write', { lock: 'key share' });
      if (facts.status === 'closed') throw businessRule('The case is closed: reopen it before planning visits.');
      checkFrequency(dto.frequency, dto.intervalDays ?? null);
      const responsibleWorkerId = dto.responsibleWorkerId ?? facts.leadWorkerId ?? actor.userId;
      await assertCaseworkStaff(manager, [responsibleWorkerId], { field: 'responsibleWorkerId', officeId: facts.officeId });
      const [open] = await sqlRows<{ id: string }>(manager, `SELECT id FROM watch_visit_plans WHERE case_id = $1 AND status <> 'ended' FOR UPDATE`, [dto.caseId]);
      if (open) throw conflict('The case already has a visit plan in force; change it, or end it before making a new one.', { planId: open.id });

      const repo = manager.getRepository(WatchVisitPlan);
      const plan = await repo.save(
        repo.create({
          caseId: dto.caseId,
          frequency: dto.frequency,
          intervalDays: dto.intervalDays ?? null,
          startOn: dto.startOn,
          responsibleWorkerId,
          purpose: dto.purpose,
          status: WatchVisitPlanStatus.Active,
          nextDueOn: dto.startOn,
          createdBy: actor.userId,
        }),
      );
      // A new plan has no visits yet: it is due on its start date.
      await this.scheduler.remind(manager, plan, facts.officeId);
      await this.scheduler.recordEvent(manager, plan, WatchVisitPlanAction.Created, dto.startOn, actor.userId);
      return plan.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<WatchVisitPlanView> {
    const manager = this.dataSource.manager;
    const [row] = await sqlRows<PlanRow>(manager, `${PLAN_SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw notFound('watch visit plan');
    const facts = await this.access.assertCaseAccess(manager, actor, row.case_id, 'read', { notFoundAs: 'watch visit plan' });
    const history = await sqlRows<{ action: WatchVisitPlanAction; reason: string | null; effective_on: string; next_due_on: string | null; actor_id: string | null; actor_name: string | null; at: Date }>(
      manager,
      `SELECT e.action, e.reason, e.effective_on, e.next_due_on, e.actor_id, u.display_name AS actor_name, e.at
         FROM watch_visit_plan_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.plan_id = $1 ORDER BY e.at, e.id`,
      [id],
    );
    return {
      ...toView(row, facts.level === 'full'),
      history: history.map(
        (e): WatchVisitPlanEventView => ({
          action: e.action,
          actionLabel: WATCH_VISIT_PLAN_ACTION_LABELS[e.action],
          reason: e.reason,
          effectiveOn: e.effective_on,
          nextDueOn: e.next_due_on,
          actorId: e.actor_id,
          actorName: e.actor_name,
          at: e.at,
        }),
      ),
    };
  }

  async list(actor: Actor, query: ListWatchVisitPlansQuery): Promise<Page<WatchVisitPlanView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.caseScopeCondition(actor, 'c');
    const where = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params };
    if (query.caseId) (where.push('p.case_id = :caseId'), (params.caseId = query.caseId));
    if (query.status) (where.push('p.status = :status'), (params.status = query.status));
    if (query.responsibleWorkerId) (where.push('p.responsible_worker_id = :workerId'), (params.workerId = query.responsibleWorkerId));
    if (query.dueOnOrBefore) (where.push(`p.status = 'active' AND p.next_due_on <= :dueBy`), (params.dueBy = query.dueOnOrBefore));
    const filter = where.join(' AND ');
    // Counting every plan of an office costs as much as reading them all: the total comes with the narrowing filters only.
    const countable = Boolean(query.caseId || query.responsibleWorkerId || query.dueOnOrBefore);
    const total = countable
      ? (await namedRows<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total FROM watch_visit_plans p JOIN cases c ON c.id = p.case_id WHERE ${filter}`, params))[0].total
      : undefined;
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ` AND (${LIST_ORDER}, p.id) > (:afterDue::date, :afterId::uuid)` : '';
    const rows = await namedRows<PlanRow>(
      this.dataSource,
      `${PLAN_SELECT} WHERE ${filter}${keyset} ORDER BY ${LIST_ORDER}, p.id LIMIT :limit`,
      { ...params, afterDue: after?.[0], afterId: after?.[1], limit: limit + 1 },
    );
    // In a list, a case of the caller's office is theirs to write; one of another office is there by a share, for reading.
    const page = toPage(rows.map((row) => toView(row, row.office_id === actor.officeId)), limit, (p) => [p.nextDueOn ?? NO_DUE, p.id]);
    return total === undefined ? page : { ...page, total };
  }

  async update(actor: Actor, id: string, dto: UpdateWatchVisitPlanDto): Promise<WatchVisitPlanView> {
    await this.change(actor, id, 'update', dto.version, async (manager, plan, facts) => {
      const frequency = dto.frequency ?? plan.frequency;
      const intervalDays = dto.frequency && dto.frequency !== VisitFrequency.Custom ? null : (dto.intervalDays ?? plan.intervalDays);
      checkFrequency(frequency, intervalDays);
      if (dto.responsibleWorkerId) await assertCaseworkStaff(manager, [dto.responsibleWorkerId], { field: 'responsibleWorkerId', officeId: facts.officeId });
      Object.assign(plan, {
        frequency,
        intervalDays,
        startOn: dto.startOn ?? plan.startOn,
        responsibleWorkerId: dto.responsibleWorkerId ?? plan.responsibleWorkerId,
        purpose: dto.purpose ?? plan.purpose,
      });
      return { action: WatchVisitPlanAction.Updated, effectiveOn: todayInJapan(), reason: null };
    });
    return this.get(actor, id);
  }

  async pause(actor: Actor, id: string, dto: PauseWatchVisitPlanDto): Promise<WatchVisitPlanView> {
    await this.change(actor, id, 'pause', dto.version, async (_manager, plan) => {
      const pausedOn = dto.pausedOn ?? todayInJapan();
      refuseFuture('pausedOn', pausedOn);
      Object.assign(plan, { status: WatchVisitPlanStatus.Paused, pausedOn, pauseReason: dto.reason });
      return { action: WatchVisitPlanAction.Paused, effectiveOn: pausedOn, reason: dto.reason };
    });
    return this.get(actor, id);
  }

  async resume(actor: Actor, id: string, dto: ResumeWatchVisitPlanDto): Promise<WatchVisitPlanView> {
    await this.change(actor, id, 'resume', dto.version, async (_manager, plan) => {
      const resumedOn = dto.resumedOn ?? todayInJapan();
      if (plan.pausedOn && resumedOn < plan.pausedOn) {
        throw validationFailed([{ field: 'resumedOn', code: 'before_pause', message: `一時停止日（${plan.pausedOn}）より前の日付は指定できません。` }]);
      }
      Object.assign(plan, { status: WatchVisitPlanStatus.Active, resumedOn, pausedOn: null, pauseReason: null });
      return { action: WatchVisitPlanAction.Resumed, effectiveOn: resumedOn, reason: null };
    });
    return this.get(actor, id);
  }

  async end(actor: Actor, id: string, dto: EndWatchVisitPlanDto): Promise<WatchVisitPlanView> {
    await this.change(actor, id, 'end', dto.version, async (_manager, plan) => {
      const endedOn = dto.endedOn ?? todayInJapan();
      refuseFuture('endedOn', endedOn);
      endPlan(plan, endedOn, dto.reason);
      return { action: WatchVisitPlanAction.Ended, effectiveOn: endedOn, reason: dto.reason };
    });
    return this.get(actor, id);
  }

  /** Loads and locks the plan, checks scope, state and version, applies the change, re-derives the due date and records the event. */
  private async change(
    actor: Actor,
    id: string,
    action: PlanAction,
    version: number,
    apply: (manager: EntityManager, plan: WatchVisitPlan, facts: CaseAccessFacts) => Promise<{ action: WatchVisitPlanAction; effectiveOn: string; reason: string | null }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const plan = await manager.getRepository(WatchVisitPlan).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw notFound('watch visit plan');
      const facts = await this.access.assertCaseAccess(manager, actor, plan.caseId, 'write', { notFoundAs: 'watch visit plan' });
      assertPlanAction(plan.status, action);
      if (plan.version !== version) throw versionConflict();
      const event = await apply(manager, plan, facts);
      const refreshed = await this.scheduler.refresh(manager, plan, facts.officeId);
      await this.scheduler.recordEvent(manager, refreshed, event.action, event.effectiveOn, actor.userId, event.reason);
    });
  }
}

function checkFrequency(frequency: VisitFrequency, intervalDays: number | null): void {
  if (frequency === VisitFrequency.Custom && !intervalDays) {
    throw validationFailed([{ field: 'intervalDays', code: 'required_for_custom', message: '日数指定の場合は訪問間隔（日数）が必要です。' }]);
  }
  if (frequency !== VisitFrequency.Custom && intervalDays !== null) {
    throw validationFailed([{ field: 'intervalDays', code: 'only_for_custom', message: '訪問間隔（日数）は日数指定の場合のみ指定できます。' }]);
  }
}

/** `writable`: whether the caller may change the plan's case (a case shared with their office is read only). */
function toView(row: PlanRow, writable: boolean): WatchVisitPlanView {
  const facts = row.next_due_on ? overdueFacts(row.next_due_on, todayInJapan()) : { daysOverdue: 0, workingDaysOverdue: 0 };
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseLabel: row.case_label,
    officeId: row.office_id,
    frequency: row.frequency,
    frequencyLabel: VISIT_FREQUENCY_LABELS[row.frequency],
    intervalDays: row.interval_days,
    startOn: row.start_on,
    responsibleWorkerId: row.responsible_worker_id,
    responsibleWorkerName: row.responsible_worker_name,
    purpose: row.purpose,
    status: row.status,
    statusLabel: WATCH_VISIT_PLAN_STATUS_LABELS[row.status],
    nextDueOn: row.next_due_on,
    lastVisitOn: row.last_visit_on,
    daysOverdue: facts.daysOverdue,
    workingDaysOverdue: facts.workingDaysOverdue,
    resumedOn: row.resumed_on,
    pausedOn: row.paused_on,
    pauseReason: row.pause_reason,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    allowedActions: writable ? [...allowedPlanActions(row.status)] : [],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A pause or an end takes effect when recorded (the plan stops being due and
 * its reminder is cancelled at once), so it is recorded on or after its
 * date: one dated ahead would drop a visit still due before it.
 */
function refuseFuture(field: 'pausedOn' | 'endedOn', date: string): void {
  if (date > todayInJapan()) throw validationFailed([{ field, code: 'in_future', message: '未来の日付は指定できません。その日になってから記録してください。' }]);
}
