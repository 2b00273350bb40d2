import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { definedFields } from '../../common/http/defined-fields';
import { AccessService, CentreRequestAccessFacts } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, conflict, FieldError, forbidden, invalidTransition, notFound, versionConflict } from '../../common/problem/problem';
import { addDays, japanDateOf, todayInJapan } from '../../common/time/japan-time';
import { createInTransaction } from '../audit/write-audit';
import { progressReportActionRefusal } from './centre-request-action-rules';
import { ProgressReportStateMachine } from './centre-request-state-machine';
import { CentreRequestKind, CentreRequestState, PROGRESS_REPORT_STATE_LABELS, ProgressReportAction, ProgressReportState } from './centre-request.enums';
import { CentreRequestReminders } from './centre-request.reminders';
import { recordEvent } from './centre-requests.service';
import { CommentOnlyDto, ListProgressReportsQuery, MarkProgressReportSentDto, ProgressReportContentDto, ReturnProgressReportDto, UpdateProgressReportDto } from './dto/centre-request.dto';
import { ProgressReportView } from './dto/centre-request.view';
import { CentreRequest } from './entities/centre-request.entity';
import { GuidanceProgressReport } from './entities/guidance-progress-report.entity';
import { reportDueOn, reportingAnchor } from './progress-report-schedule';

type ReportTransition =
  | { action: ProgressReportAction.Submit; body: CommentOnlyDto }
  | { action: ProgressReportAction.Approve; body: CommentOnlyDto }
  | { action: ProgressReportAction.Return; body: ReturnProgressReportDto }
  | { action: ProgressReportAction.MarkSent; body: MarkProgressReportSentDto };

/** What the liaison may see of the reports: those that passed review, to send to the centre. */
const LIAISON_REPORT_STATES: readonly ProgressReportState[] = [ProgressReportState.Approved, ProgressReportState.Sent];

const REPORT_COLUMNS = `
  p.*, q.centre_case_number, q.office_id, q.lead_worker_id, q.case_id, a.display_name AS author_name, rv.display_name AS reviewer_name`;
const REPORT_JOINS = `
  JOIN centre_requests q ON q.id = p.request_id
  JOIN users a ON a.id = p.author_id
  LEFT JOIN users rv ON rv.id = p.reviewed_by`;

/**
 * 経過報告 of a 指導措置委託: the lead worker files one for each due date,
 * a supervisor of the office reviews it, and it is marked sent when it has
 * gone to the centre. Filing moves the request's next due date on.
 */
@Injectable()
export class ProgressReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: CentreRequestReminders,
  ) {}

  async create(actor: Actor, requestId: string, dto: ProgressReportContentDto): Promise<ProgressReportView> {
    const id = await createInTransaction(this.dataSource, async (m) => {
      const facts = await this.access.assertCentreRequestAccess(m, actor, requestId, 'write');
      const request = await lockRequest(m, requestId);
      if (request.kind !== CentreRequestKind.EntrustedGuidance) throw businessRule('Progress reports belong to 指導措置委託 only.');
      if (request.state !== CentreRequestState.InProgress) throw invalidTransition(request.state, 'file_progress_report', []);
      const refusal = progressReportActionRefusal(actor, facts, null, 'create');
      if (refusal) throw forbidden(refusal);
      const open: Array<{ id: string }> = await m.query(`SELECT id FROM guidance_progress_reports WHERE request_id = $1 AND state IN ('draft', 'submitted', 'returned')`, [requestId]);
      if (open.length) throw conflict('A progress report of this request is still being written or reviewed.', { openReportId: open[0].id });
      const [last]: Array<{ sequence: number; period_to: string } | undefined> = await m.query(
        `SELECT sequence, period_to FROM guidance_progress_reports WHERE request_id = $1 ORDER BY sequence DESC LIMIT 1`,
        [requestId],
      );
      const periodFrom = dto.periodFrom ?? (last ? addDays(last.period_to, 1) : reportingAnchor(request));
      const periodTo = dto.periodTo ?? todayInJapan();
      assertPeriod(periodFrom, periodTo);
      const repo = m.getRepository(GuidanceProgressReport);
      const report = await repo.save(
        repo.create({
          requestId,
          sequence: (last?.sequence ?? 0) + 1,
          dueOn: request.nextReportDueOn ?? todayInJapan(),
          periodFrom,
          periodTo,
          state: ProgressReportState.Draft,
          childStatus: dto.childStatus ?? null,
          familyStatus: dto.familyStatus ?? null,
          supportProvided: dto.supportProvided ?? null,
          assessment: dto.assessment ?? null,
          plan: dto.plan ?? null,
          authorId: actor.userId,
        }),
      );
      await recordEvent(m, requestId, report.id, 'report_create', null, ProgressReportState.Draft, actor.userId, null);
      return report.id;
    });
    return this.get(actor, requestId, id);
  }

  async update(actor: Actor, requestId: string, reportId: string, dto: UpdateProgressReportDto): Promise<ProgressReportView> {
    await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCentreRequestAccess(m, actor, requestId, 'write');
      const report = await lockReport(m, requestId, reportId, facts);
      ProgressReportStateMachine.assertEditable(report.state);
      const refusal = progressReportActionRefusal(actor, facts, report, 'edit');
      if (refusal) throw forbidden(refusal);
      if (report.version !== dto.version) throw versionConflict();
      const { version: _version, ...fields } = dto;
      Object.assign(report, definedFields(fields));
      assertPeriod(report.periodFrom, report.periodTo);
      await m.save(report);
    });
    return this.get(actor, requestId, reportId);
  }

  async transition(actor: Actor, requestId: string, reportId: string, input: ReportTransition): Promise<ProgressReportView> {
    await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCentreRequestAccess(m, actor, requestId, 'write');
      const request = await lockRequest(m, requestId);
      const report = await lockReport(m, requestId, reportId, facts);
      const from = report.state;
      const to = ProgressReportStateMachine.next(from, input.action);
      const refusal = progressReportActionRefusal(actor, facts, report, input.action);
      if (refusal) throw forbidden(refusal);
      const now = new Date();
      let comment: string | null = input.action === ProgressReportAction.MarkSent ? null : (input.body.comment ?? null);

      switch (input.action) {
        case ProgressReportAction.Submit:
          assertComplete(report);
          report.submittedAt = now;
          // The first filing for the due date moves the cycle on; a resubmission after a return does not.
          if (request.nextReportDueOn === report.dueOn && request.state === CentreRequestState.InProgress) {
            request.nextReportDueOn = reportDueOn(reportingAnchor(request), request.reportingIntervalMonths!, report.sequence + 1);
            await m.save(request);
            await this.reminders.afterRequestChange(m, request);
          }
          break;
        case ProgressReportAction.Approve:
        case ProgressReportAction.Return:
          report.reviewedBy = actor.userId;
          report.reviewedAt = now;
          report.reviewComment = input.body.comment ?? null;
          break;
        case ProgressReportAction.MarkSent: {
          const reviewedOn = japanDateOf(report.reviewedAt!);
          if (input.body.sentOn < reviewedOn || input.body.sentOn > todayInJapan()) {
            throw businessRule('The sending date must lie between the review and today.', [{ field: 'sentOn', code: 'out_of_range', message: '確認日から今日までの日付を指定してください。' }]);
          }
          report.sentOn = input.body.sentOn;
          report.sentBy = actor.userId;
          comment = null;
          break;
        }
      }
      report.state = to;
      await m.save(report);
      await recordEvent(m, requestId, reportId, `report_${input.action}`, from, to, actor.userId, comment);
    });
    return this.get(actor, requestId, reportId);
  }

  async get(actor: Actor, requestId: string, reportId: string): Promise<ProgressReportView> {
    const facts = await this.access.assertCentreRequestAccess(this.dataSource.manager, actor, requestId, 'read');
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT ${REPORT_COLUMNS} FROM guidance_progress_reports p ${REPORT_JOINS} WHERE p.id = $1 AND p.request_id = $2`,
      [reportId, requestId],
    );
    const row = rows[0];
    if (!row || !visibleTo(facts, row.state)) throw notFound('progress report');
    return this.toView(actor, facts, row);
  }

  async listForRequest(actor: Actor, requestId: string): Promise<{ items: ProgressReportView[] }> {
    const facts = await this.access.assertCentreRequestAccess(this.dataSource.manager, actor, requestId, 'read');
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT ${REPORT_COLUMNS} FROM guidance_progress_reports p ${REPORT_JOINS}
        WHERE p.request_id = $1 AND ($2::boolean OR p.state = ANY ($3::progress_report_state[]))
        ORDER BY p.sequence`,
      [requestId, facts.via === 'office', LIAISON_REPORT_STATES],
    );
    return { items: rows.map((row) => this.toView(actor, facts, row)) };
  }

  /**
   * Reports across the requests in scope, oldest due first: with
   * `state=submitted` the supervisors' review list, with `state=approved`
   * the liaison's list of reports to send.
   */
  async list(actor: Actor, query: ListProgressReportsQuery): Promise<Page<ProgressReportView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.centreRequestScopeCondition(actor, 'q', 'c');
    const staff = hasRole(actor, Role.Supervisor, Role.Consultant);
    const liaison = hasRole(actor, Role.Liaison);
    const qb = this.dataSource
      .createQueryBuilder()
      .from('guidance_progress_reports', 'p')
      .innerJoin('centre_requests', 'q', 'q.id = p.request_id')
      .innerJoin('users', 'a', 'a.id = p.author_id')
      .leftJoin('users', 'rv', 'rv.id = p.reviewed_by')
      .leftJoin('cases', 'c', 'c.id = q.case_id')
      .where(scope.sql, scope.params)
      // Staff of the office see every report of their requests; the liaison only reviewed ones.
      .andWhere(`(${staff ? 'q.office_id = :reportOffice' : 'false'} OR ${liaison ? `p.state IN ('approved', 'sent')` : 'false'})`, { reportOffice: actor.officeId });
    if (query.state) qb.andWhere('p.state = :state', { state: query.state });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(p.due_on, p.id) > (CAST(:afterDue AS date), CAST(:afterId AS uuid))', { afterDue: after[0], afterId: after[1] });
    const rows = await qb.select(REPORT_COLUMNS).orderBy('p.due_on', 'ASC').addOrderBy('p.id', 'ASC').limit(limit + 1).getRawMany<Record<string, any>>();
    const page = toPage(rows, limit, (r) => [r.due_on as string, r.id as string]);
    const items = page.items.map((row) => {
      const via = staff && row.office_id === actor.officeId ? 'office' : 'liaison';
      return this.toView(actor, { id: row.request_id, officeId: row.office_id, leadWorkerId: row.lead_worker_id, caseId: row.case_id, via }, row);
    });
    return { items, nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  private toView(actor: Actor, facts: CentreRequestAccessFacts, row: Record<string, any>): ProgressReportView {
    const state = row.state as ProgressReportState;
    const report = { authorId: row.author_id as string };
    const actions: string[] = ProgressReportStateMachine.allowedActions(state).filter((action) => progressReportActionRefusal(actor, facts, report, action) === null);
    if ((state === ProgressReportState.Draft || state === ProgressReportState.Returned) && progressReportActionRefusal(actor, facts, report, 'edit') === null) actions.unshift('edit');
    return {
      id: row.id,
      requestId: row.request_id,
      centreCaseNumber: row.centre_case_number,
      sequence: row.sequence,
      dueOn: row.due_on,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      state,
      stateLabel: PROGRESS_REPORT_STATE_LABELS[state],
      childStatus: row.child_status,
      familyStatus: row.family_status,
      supportProvided: row.support_provided,
      assessment: row.assessment,
      plan: row.plan,
      authorId: row.author_id,
      authorName: row.author_name,
      submittedAt: row.submitted_at,
      reviewedBy: row.reviewed_by,
      reviewerName: row.reviewer_name,
      reviewedAt: row.reviewed_at,
      reviewComment: row.review_comment,
      sentOn: row.sent_on,
      allowedActions: actions,
      version: row.version,
      createdAt: row.created_at,
    };
  }
}

function visibleTo(facts: CentreRequestAccessFacts, state: ProgressReportState): boolean {
  return facts.via === 'office' || LIAISON_REPORT_STATES.includes(state);
}

async function lockRequest(manager: EntityManager, id: string): Promise<CentreRequest> {
  const request = await manager.getRepository(CentreRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!request) throw notFound('centre request');
  return request;
}

async function lockReport(manager: EntityManager, requestId: string, reportId: string, facts: CentreRequestAccessFacts): Promise<GuidanceProgressReport> {
  const report = await manager.getRepository(GuidanceProgressReport).findOne({ where: { id: reportId, requestId }, lock: { mode: 'pessimistic_write' } });
  if (!report || !visibleTo(facts, report.state)) throw notFound('progress report');
  return report;
}

function assertPeriod(from: string, to: string): void {
  if (from > to) throw businessRule('The period ends before it starts.', [{ field: 'periodTo', code: 'before_start', message: '報告期間の終わりが始まりより前です。' }]);
}

function assertComplete(report: GuidanceProgressReport): void {
  const errors: FieldError[] = [];
  if (!report.childStatus) errors.push({ field: 'childStatus', code: 'required_for_submission', message: '児童の状況を入力してください。' });
  if (!report.supportProvided) errors.push({ field: 'supportProvided', code: 'required_for_submission', message: '実施した指導・支援を入力してください。' });
  if (!report.plan) errors.push({ field: 'plan', code: 'required_for_submission', message: '今後の方針を入力してください。' });
  if (errors.length) throw businessRule('The progress report is not complete enough to submit.', errors);
}
