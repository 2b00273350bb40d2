import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { definedFields } from '../../common/http/defined-fields';
import { AccessService } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, forbidden, invalidTransition, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { Sex, SEX_LABELS } from '../persons/person.entity';
import { DEFAULT_CENTRE_NAME } from '../referrals/referral.enums';
import { MeasuresQuery } from '../referrals/dto/referral.dto';
import { createInTransaction } from '../audit/write-audit';
import { centreRequestActionRefusal } from './centre-request-action-rules';
import { assertOfficeStaff, CentreRequestAssignment } from './centre-request-assignment';
import { CentreRequestStateMachine } from './centre-request-state-machine';
import {
  CENTRE_REQUEST_EVENT_LABELS,
  CENTRE_REQUEST_KIND_LABELS,
  CENTRE_REQUEST_LEGAL_BASIS_LABELS,
  CENTRE_REQUEST_STATE_LABELS,
  CentreRequestAction,
  CentreRequestKind,
  CentreRequestState,
} from './centre-request.enums';
import { CentreRequestReminders } from './centre-request.reminders';
import {
  AssignCentreRequestDto,
  CentreRequestChildDto,
  CloseCentreRequestDto,
  CommentOnlyDto,
  LiftCentreRequestDto,
  ListCentreRequestsQuery,
  RecordCentreRequestDto,
  UpdateCentreRequestDto,
} from './dto/centre-request.dto';
import { CentreRequestEventView, CentreRequestListItem, CentreRequestView } from './dto/centre-request.view';
import { CentreRequest } from './entities/centre-request.entity';
import { reportDueOn, reportingAnchor } from './progress-report-schedule';

type RequestTransition =
  | { action: CentreRequestAction.Assign; body: AssignCentreRequestDto }
  | { action: CentreRequestAction.Start; body: CommentOnlyDto }
  | { action: CentreRequestAction.Lift; body: LiftCentreRequestDto }
  | { action: CentreRequestAction.Close; body: CloseCentreRequestDto };

interface ListRow {
  id: string;
  kind: CentreRequestKind;
  state: CentreRequestState;
  centre_name: string;
  centre_case_number: string;
  received_on: string;
  office_id: string;
  office_name: string;
  lead_worker_id: string | null;
  lead_worker_name: string | null;
  case_id: string | null;
  case_number: string | null;
  next_report_due_on: string | null;
  child_names: string[] | null;
}

const LIST_COLUMNS = `
  q.id, q.kind, q.state, q.centre_name, q.centre_case_number, q.received_on, q.office_id, o.name AS office_name,
  q.lead_worker_id, w.display_name AS lead_worker_name, q.case_id, c.case_number, q.next_report_due_on,
  (SELECT array_agg(ch.name_kanji ORDER BY ch.position) FROM centre_request_children ch WHERE ch.request_id = q.id) AS child_names`;

/**
 * Inbound 事案送致 and 指導措置委託: recorded by the liaison, handed to an
 * office whose supervisor assigns a lead worker and links or opens the
 * case, worked, and ended by the centre's 措置解除 or closed.
 */
@Injectable()
export class CentreRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: CentreRequestReminders,
    private readonly assignment: CentreRequestAssignment,
  ) {}

  async record(actor: Actor, dto: RecordCentreRequestDto): Promise<CentreRequestView> {
    assertKindFields(dto.kind, dto.reportingIntervalMonths, dto.measureStartOn);
    if (dto.receivedOn > todayInJapan()) throw businessRule('receivedOn cannot be in the future.', [{ field: 'receivedOn', code: 'in_future', message: '未来の日付は指定できません。' }]);
    const id = await createInTransaction(this.dataSource, async (m) => {
      await assertActiveOffice(m, dto.officeId);
      const repo = m.getRepository(CentreRequest);
      const request = await repo.save(
        repo.create({
          kind: dto.kind,
          state: CentreRequestState.Received,
          centreName: dto.centreName ?? DEFAULT_CENTRE_NAME,
          centreCaseNumber: dto.centreCaseNumber,
          centreContact: dto.centreContact ?? null,
          receivedOn: dto.receivedOn,
          measureStartOn: dto.measureStartOn ?? null,
          reason: dto.reason,
          conditions: dto.conditions ?? null,
          reportingIntervalMonths: dto.reportingIntervalMonths ?? null,
          officeId: dto.officeId,
          recordedBy: actor.userId,
        }),
      );
      await replaceChildren(m, request.id, dto.children);
      await recordEvent(m, request.id, null, 'record', null, CentreRequestState.Received, actor.userId, null);
      return request.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateCentreRequestDto): Promise<CentreRequestView> {
    await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCentreRequestAccess(m, actor, id, 'write');
      const refusal = centreRequestActionRefusal(actor, facts, 'update');
      if (refusal) throw forbidden(refusal);
      const request = await this.lock(m, id);
      if (request.version !== dto.version) throw versionConflict();
      if (!CentreRequestStateMachine.isOpen(request.state)) throw invalidTransition(request.state, 'edit', []);
      const beforeAssignment = request.state === CentreRequestState.Received;
      if (!beforeAssignment && (dto.officeId !== undefined || dto.children !== undefined || dto.reportingIntervalMonths !== undefined || dto.measureStartOn !== undefined)) {
        throw invalidTransition(request.state, 'edit_assignment_facts', CentreRequestStateMachine.allowedActions(request.state, request.kind));
      }
      const { version: _version, children, officeId, ...fields } = dto;
      Object.assign(request, definedFields(fields));
      assertKindFields(request.kind, request.reportingIntervalMonths ?? undefined, request.measureStartOn);
      if (officeId !== undefined) {
        await assertActiveOffice(m, officeId);
        request.officeId = officeId;
      }
      if (children !== undefined) await replaceChildren(m, id, children);
      request.updatedAt = new Date();
      await m.save(request);
      await recordEvent(m, id, null, 'update', request.state, request.state, actor.userId, null);
    });
    return this.get(actor, id);
  }

  async transition(actor: Actor, id: string, input: RequestTransition): Promise<CentreRequestView> {
    await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCentreRequestAccess(m, actor, id, 'write');
      const request = await this.lock(m, id);
      const from = request.state;
      const to = CentreRequestStateMachine.next(from, request.kind, input.action);
      const refusal = centreRequestActionRefusal(actor, facts, input.action);
      if (refusal) throw forbidden(refusal);
      const now = new Date();
      let comment: string | null = null;

      switch (input.action) {
        case CentreRequestAction.Assign:
          await assertOfficeStaff(m, request.officeId, input.body.leadWorkerId);
          request.caseId = await this.assignment.linkOrOpenCase(m, actor, request, input.body);
          request.leadWorkerId = input.body.leadWorkerId;
          request.assignedAt = now;
          if (request.kind === CentreRequestKind.EntrustedGuidance) {
            request.nextReportDueOn = reportDueOn(reportingAnchor(request), request.reportingIntervalMonths!, 1);
          }
          comment = input.body.comment ?? null;
          break;
        case CentreRequestAction.Start:
          request.startedAt = now;
          comment = input.body.comment ?? null;
          break;
        case CentreRequestAction.Lift:
          if (input.body.centreNoticeOn < request.receivedOn || input.body.centreNoticeOn > todayInJapan()) {
            throw businessRule('The notice date must lie between the receipt and today.', [{ field: 'centreNoticeOn', code: 'out_of_range', message: '受付日から今日までの日付を指定してください。' }]);
          }
          request.liftedNoticeOn = input.body.centreNoticeOn;
          request.endedAt = now;
          request.nextReportDueOn = null;
          comment = input.body.comment ?? null;
          break;
        case CentreRequestAction.Close:
          request.endedAt = now;
          request.endReason = input.body.reason;
          request.nextReportDueOn = null;
          comment = input.body.reason;
          break;
      }

      request.state = to;
      await m.save(request);
      await recordEvent(m, id, null, input.action, from, to, actor.userId, comment);
      await this.reminders.afterRequestChange(m, request);
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<CentreRequestView> {
    const facts = await this.access.assertCentreRequestAccess(this.dataSource.manager, actor, id, 'read');
    const rows: Array<ListRow & Record<string, any>> = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS}, q.centre_contact, q.measure_start_on, q.reason, q.conditions, q.reporting_interval_months,
              q.recorded_by, r.display_name AS recorded_by_name, q.assigned_at, q.started_at, q.lifted_notice_on,
              q.ended_at, q.end_reason, q.version, q.created_at, q.updated_at
         FROM centre_requests q
         JOIN offices o ON o.id = q.office_id
         JOIN users r ON r.id = q.recorded_by
         LEFT JOIN users w ON w.id = q.lead_worker_id
         LEFT JOIN cases c ON c.id = q.case_id
        WHERE q.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound('centre request');
    const children: Array<{ id: string; name_kanji: string; name_kana: string; birth_date: string | null; sex: Sex; person_id: string | null }> = await this.dataSource.query(
      `SELECT id, name_kanji, name_kana, birth_date, sex, person_id FROM centre_request_children WHERE request_id = $1 ORDER BY position`,
      [id],
    );
    const state = row.state;
    const actions: string[] = CentreRequestStateMachine.allowedActions(state, row.kind).filter((action) => centreRequestActionRefusal(actor, facts, action) === null);
    if (CentreRequestStateMachine.isOpen(state) && centreRequestActionRefusal(actor, facts, 'update') === null) actions.unshift('edit');
    return {
      ...toListItem(row),
      legalBasisLabel: CENTRE_REQUEST_LEGAL_BASIS_LABELS[row.kind],
      centreContact: row.centre_contact,
      measureStartOn: row.measure_start_on,
      reason: row.reason,
      conditions: row.conditions,
      reportingIntervalMonths: row.reporting_interval_months,
      recordedBy: row.recorded_by,
      recordedByName: row.recorded_by_name,
      assignedAt: row.assigned_at,
      startedAt: row.started_at,
      liftedNoticeOn: row.lifted_notice_on,
      endedAt: row.ended_at,
      endReason: row.end_reason,
      children: children.map((c) => ({ id: c.id, nameKanji: c.name_kanji, nameKana: c.name_kana, birthDate: c.birth_date, sex: c.sex, sexLabel: SEX_LABELS[c.sex], personId: c.person_id })),
      allowedActions: actions,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Requests in scope, most recently received first. */
  async list(actor: Actor, query: ListCentreRequestsQuery): Promise<Page<CentreRequestListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.centreRequestScopeCondition(actor, 'q', 'c');
    const qb = this.dataSource
      .createQueryBuilder()
      .from('centre_requests', 'q')
      .leftJoin('cases', 'c', 'c.id = q.case_id')
      .where(scope.sql, scope.params);
    if (query.kind) qb.andWhere('q.kind = :kind', { kind: query.kind });
    if (query.state) qb.andWhere('q.state = :state', { state: query.state });
    if (query.officeId) qb.andWhere('q.office_id = :officeId', { officeId: query.officeId });
    if (query.caseId) qb.andWhere('q.case_id = :caseId', { caseId: query.caseId });
    if (query.mine) qb.andWhere('q.lead_worker_id = :me', { me: actor.userId });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(q.received_on, q.id) < (CAST(:afterDate AS date), CAST(:afterId AS uuid))', { afterDate: after[0], afterId: after[1] });
    // Names only for the page, not for the count.
    const rows = await qb.innerJoin('offices', 'o', 'o.id = q.office_id').leftJoin('users', 'w', 'w.id = q.lead_worker_id').select(LIST_COLUMNS).orderBy('q.received_on', 'DESC').addOrderBy('q.id', 'DESC').limit(limit + 1).getRawMany<ListRow>();
    const page = toPage(rows, limit, (r) => [r.received_on, r.id]);
    return { items: page.items.map(toListItem), nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  async history(actor: Actor, id: string): Promise<{ items: CentreRequestEventView[] }> {
    const facts = await this.access.assertCentreRequestAccess(this.dataSource.manager, actor, id, 'read');
    // The liaison sees the request's own steps and those of reports that passed review.
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT e.id, e.action, e.progress_report_id, e.from_state, e.to_state, e.actor_id, u.display_name AS actor_name, e.occurred_at, e.comment
         FROM centre_request_events e
         JOIN users u ON u.id = e.actor_id
         LEFT JOIN guidance_progress_reports p ON p.id = e.progress_report_id
        WHERE e.request_id = $1 AND ($2::boolean OR p.id IS NULL OR p.state IN ('approved', 'sent'))
        ORDER BY e.occurred_at, e.id`,
      [id, facts.via === 'office'],
    );
    return {
      items: rows.map((e) => ({
        id: e.id,
        action: e.action,
        actionLabel: CENTRE_REQUEST_EVENT_LABELS[e.action] ?? e.action,
        progressReportId: e.progress_report_id,
        fromState: e.from_state,
        toState: e.to_state,
        actorId: e.actor_id,
        actorName: e.actor_name,
        occurredAt: e.occurred_at,
        comment: e.comment,
      })),
    };
  }

  /**
   * Inbound requests per kind for a fiscal year: received in the year,
   * lifted and closed in the year, and open now. Supervisors see their
   * office; the liaison ward-wide (or one office).
   */
  async measures(actor: Actor, query: MeasuresQuery): Promise<CentreRequestMeasures> {
    const officeId = hasRole(actor, Role.Liaison) ? (query.officeId ?? null) : actor.officeId;
    const rows: Array<{ kind: CentreRequestKind; received: number; open_now: number; lifted: number; closed: number }> = await this.dataSource.query(
      `SELECT k.kind,
              count(f.id) FILTER (WHERE f.fiscal_year = $1)::int AS received,
              count(f.id) FILTER (WHERE f.open)::int AS open_now,
              count(f.id) FILTER (WHERE f.state = 'lifted' AND f.ended_on BETWEEN $3::date AND $4::date)::int AS lifted,
              count(f.id) FILTER (WHERE f.state = 'closed' AND f.ended_on BETWEEN $3::date AND $4::date)::int AS closed
         FROM unnest(enum_range(NULL::centre_request_kind)) AS k(kind)
         LEFT JOIN centre_request_measure_facts f ON f.kind = k.kind AND ($2::uuid IS NULL OR f.office_id = $2::uuid)
        GROUP BY k.kind ORDER BY k.kind`,
      [query.fiscalYear, officeId, `${query.fiscalYear}-04-01`, `${query.fiscalYear + 1}-03-31`],
    );
    return {
      fiscalYear: query.fiscalYear,
      officeId,
      byKind: rows.map((r) => ({ kind: r.kind, kindLabel: CENTRE_REQUEST_KIND_LABELS[r.kind], received: r.received, openNow: r.open_now, lifted: r.lifted, closed: r.closed })),
    };
  }

  private async lock(manager: EntityManager, id: string): Promise<CentreRequest> {
    const request = await manager.getRepository(CentreRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw notFound('centre request');
    return request;
  }
}

export interface CentreRequestMeasures {
  fiscalYear: number;
  officeId: string | null;
  byKind: Array<{ kind: CentreRequestKind; kindLabel: string; received: number; openNow: number; lifted: number; closed: number }>;
}

/** A reporting interval belongs to 指導措置委託 (where it is required) and to nothing else; so does the measure date. */
function assertKindFields(kind: CentreRequestKind, interval: number | undefined, measureStartOn: string | null | undefined): void {
  if (kind === CentreRequestKind.EntrustedGuidance && interval === undefined) {
    throw validationFailed([{ field: 'reportingIntervalMonths', code: 'required_for_entrusted_guidance', message: '指導措置委託には報告間隔が必要です。' }]);
  }
  if (kind === CentreRequestKind.CaseTransfer && interval !== undefined) {
    throw validationFailed([{ field: 'reportingIntervalMonths', code: 'only_for_entrusted_guidance', message: '報告間隔は指導措置委託にのみ指定します。' }]);
  }
  if (kind === CentreRequestKind.CaseTransfer && measureStartOn) {
    throw validationFailed([{ field: 'measureStartOn', code: 'only_for_entrusted_guidance', message: '措置日は指導措置委託にのみ指定します。' }]);
  }
}

async function assertActiveOffice(manager: EntityManager, officeId: string): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM offices WHERE id = $1 AND active`, [officeId]);
  if (rows.length === 0) throw validationFailed([{ field: 'officeId', code: 'unknown_office', message: 'No such active office.' }]);
}

async function replaceChildren(manager: EntityManager, requestId: string, children: CentreRequestChildDto[]): Promise<void> {
  await manager.query(`DELETE FROM centre_request_children WHERE request_id = $1`, [requestId]);
  for (const [position, child] of children.entries()) {
    await manager.query(
      `INSERT INTO centre_request_children (request_id, position, name_kanji, name_kana, birth_date, sex) VALUES ($1, $2, $3, $4, $5, $6)`,
      [requestId, position, child.nameKanji, child.nameKana, child.birthDate ?? null, child.sex ?? Sex.Unknown],
    );
  }
}

export async function recordEvent(
  manager: EntityManager,
  requestId: string,
  reportId: string | null,
  action: string,
  from: string | null,
  to: string,
  actorId: string,
  comment: string | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO centre_request_events (request_id, progress_report_id, action, from_state, to_state, actor_id, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [requestId, reportId, action, from, to, actorId, comment],
  );
}

function toListItem(row: ListRow): CentreRequestListItem {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: CENTRE_REQUEST_KIND_LABELS[row.kind],
    state: row.state,
    stateLabel: CENTRE_REQUEST_STATE_LABELS[row.state],
    centreName: row.centre_name,
    centreCaseNumber: row.centre_case_number,
    receivedOn: row.received_on,
    officeId: row.office_id,
    officeName: row.office_name,
    leadWorkerId: row.lead_worker_id,
    leadWorkerName: row.lead_worker_name,
    caseId: row.case_id,
    caseNumber: row.case_number,
    nextReportDueOn: row.next_report_due_on,
    childNames: row.child_names ?? [],
  };
}
