import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { cappedCount } from '../../common/pagination/capped-count';
import { instantKeySql } from '../../common/pagination/instant-key';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { invalidTransition, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { definedFields } from '../../common/http/defined-fields';
import { AuditNote } from '../audit/audited.decorator';
import { recordCaseEvent } from '../cases/case-events';
import { assertCaseStateAction } from '../cases/case-lifecycle';
import { parseEnumArray } from '../cases/case-view';
import { CasesService, lockCaseForWrite } from '../cases/cases.service';
import { ABUSE_TYPE_LABELS, AbuseType, CaseStatus, SupportLevel } from '../cases/entities/case.entity';
import { CaseEventKind } from '../cases/entities/case-event.entity';
import { MemberRelationship } from '../cases/entities/case-member.entity';
import { createInTransaction } from '../audit/write-audit';
import {
  CHILD_ABUSE_REPORT_STATUS_LABELS,
  ChildAbuseReport,
  ChildAbuseReportStatus,
  REPORT_SOURCE_LABELS,
  REPORT_URGENCY_LABELS,
  ReportSource,
  ReportUrgency,
  Rule48Result,
  SAFETY_CONFIRMATION_METHOD_LABELS,
  SafetyConfirmationMethod,
} from './child-abuse-report.entity';
import { AssessReportDto, ChildAbuseReportSummary, ChildAbuseReportView, CreateChildAbuseReportDto, ListReportsQuery, UpdateChildAbuseReportDto } from './dto/child-abuse-report.dto';
import { ReportReminders } from './report-reminders';
import { RULE48_STATUS_LABELS, rule48Status, safetyDueAt } from './rule48';

/** Allowance for clocks when a time is recorded "now". */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;

interface SummaryRow {
  id: string;
  office_id: string;
  case_id: string;
  case_number: string;
  case_label: string;
  received_at: Date;
  source: ReportSource;
  abuse_types: AbuseType[] | string;
  urgency: ReportUrgency;
  status: ChildAbuseReportStatus;
  safety_due_at: Date;
  safety_confirmed_at: Date | null;
  rule48_result: Rule48Result | null;
  sort_key: string;
}

/**
 * The 通告 list counts its matches up to this many. An office receives
 * thousands of reports a year; the lists staff work from (awaiting safety
 * confirmation, 48 hours overdue) are short and counted exactly, and the
 * whole register's exact size is a measure (GET /measures), not a page's
 * total: counting it took 30-45 ms per page at the 1m scale.
 */
export const REPORT_LIST_COUNT_CAP = 1000;

/**
 * 通告 intake. A report is always linked to a case (an existing one, or one
 * opened with it); its children become members of that case; the 48-hour
 * clock is scheduled with the report and closed by 安全確認 of every child.
 * Scope is the case's: a report is visible exactly when its case is.
 */
@Injectable()
export class ChildAbuseReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly cases: CasesService,
    private readonly reminders: ReportReminders,
  ) {}

  async create(actor: Actor, dto: CreateChildAbuseReportDto, note: AuditNote): Promise<ChildAbuseReportView> {
    if ((dto.caseId === undefined) === (dto.newCase === undefined)) {
      throw validationFailed([{ field: 'caseId', code: 'case_or_new_case', message: '既存ケース（caseId）か新規ケース（newCase）のどちらか一方を指定してください。' }]);
    }
    const receivedAt = new Date(dto.receivedAt);
    if (receivedAt.getTime() > Date.now() + FUTURE_SKEW_MS) throw validationFailed([{ field: 'receivedAt', code: 'future_date', message: '受理日時が未来です。' }]);

    const id = await createInTransaction(this.dataSource, async (manager) => {
      for (const [index, personId] of dto.childIds.entries()) {
        if ((await this.access.personAccess(manager, actor, personId)).level === 'none') {
          throw validationFailed([{ field: `childIds[${index}]`, code: 'unknown_person', message: '児童が見つかりません。' }]);
        }
      }
      const caseId = dto.caseId ?? (await this.openCase(manager, actor, dto));
      const found = await lockCaseForWrite(manager, this.access, actor, caseId);
      assertCaseStateAction(found.status, 'edit');
      for (const personId of dto.childIds) {
        const added: unknown[] = await manager.query(`INSERT INTO case_members (case_id, person_id, relationship) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING person_id`, [
          caseId,
          personId,
          MemberRelationship.Child,
        ]);
        if (added.length > 0 && dto.caseId) {
          await recordCaseEvent(manager, { caseId, kind: CaseEventKind.MemberAdded, actor, details: { personId, relationship: MemberRelationship.Child, via: 'child_abuse_report' } });
        }
      }
      const abuseTypes = [...new Set([...found.abuseTypes, ...dto.abuseTypes])];
      if (abuseTypes.length !== found.abuseTypes.length) {
        await manager.query(`UPDATE cases SET abuse_types = $2::abuse_type[], version = version + 1, updated_at = now() WHERE id = $1`, [caseId, abuseTypes]);
        await recordCaseEvent(manager, { caseId, kind: CaseEventKind.Updated, actor, details: { changed: { abuseTypes: { from: found.abuseTypes, to: abuseTypes } }, via: 'child_abuse_report' } });
      }
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO child_abuse_reports (office_id, case_id, received_at, received_by, source, source_detail, informant_contact, abuse_types, urgency, summary, safety_due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::abuse_type[], $9, $10, $11) RETURNING id`,
        [found.officeId, caseId, receivedAt, actor.userId, dto.source, dto.sourceDetail ?? null, dto.informantContact ?? null, dto.abuseTypes, dto.urgency, dto.summary, safetyDueAt(receivedAt)],
      );
      for (const personId of dto.childIds) await manager.query(`INSERT INTO child_abuse_report_children (report_id, person_id) VALUES ($1, $2)`, [row.id, personId]);
      await this.reminders.scheduleSafetyConfirmation(manager, { id: row.id, receivedAt }, { id: caseId, officeId: found.officeId });
      note.related = [{ resourceType: 'case', resourceId: caseId }, ...dto.childIds.map((personId) => ({ resourceType: 'person', resourceId: personId }))];
      return row.id;
    });
    note.resourceId = id;
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager, note?: AuditNote): Promise<ChildAbuseReportView> {
    const report = await manager.getRepository(ChildAbuseReport).findOneBy({ id });
    if (!report) throw notFound('report');
    const facts = await this.access.caseAccess(manager, actor, report.caseId);
    if (facts.level === 'none') throw notFound('report');
    await this.access.assertCaseAccess(manager, actor, report.caseId, 'read');
    if (note) note.related = [{ resourceType: 'case', resourceId: report.caseId }];

    const [summary] = await this.summaries(this.summaryQuery(manager).where('r.id = :id', { id }));
    const children: Array<{ person_id: string; name_kanji: string; name_kana: string; birth_date: string | null; seen_at: Date | null }> = await manager.query(
      `SELECT rc.person_id, p.name_kanji, p.name_kana, p.birth_date, rc.seen_at
         FROM child_abuse_report_children rc JOIN persons p ON p.id = rc.person_id WHERE rc.report_id = $1 ORDER BY p.birth_date NULLS LAST, p.id`,
      [id],
    );
    const confirmations: Array<{
      id: string;
      confirmed_at: Date;
      method: SafetyConfirmationMethod;
      seen_by_user_id: string | null;
      seen_by_user_name: string | null;
      seen_by_name: string | null;
      place: string | null;
      notes: string | null;
      child_ids: string[];
      recorded_by: string;
      recorded_at: Date;
    }> = await manager.query(
      `SELECT s.id, s.confirmed_at, s.method, s.seen_by_user_id, u.display_name AS seen_by_user_name, s.seen_by_name, s.place, s.notes,
              coalesce((SELECT array_agg(rc.person_id ORDER BY rc.person_id) FROM child_abuse_report_children rc WHERE rc.safety_confirmation_id = s.id), '{}') AS child_ids,
              s.recorded_by, s.recorded_at
         FROM safety_confirmations s LEFT JOIN users u ON u.id = s.seen_by_user_id
        WHERE s.report_id = $1 ORDER BY s.confirmed_at, s.id`,
      [id],
    );
    return {
      ...summary,
      receivedBy: report.receivedBy,
      sourceDetail: report.sourceDetail,
      informantContact: report.informantContact,
      abuseTypeLabels: summary.abuseTypes.map((t) => ABUSE_TYPE_LABELS[t]),
      summary: report.summary,
      children: children.map((c) => ({ personId: c.person_id, nameKanji: c.name_kanji, nameKana: c.name_kana, birthDate: c.birth_date, seenAt: c.seen_at })),
      safetyConfirmations: confirmations.map((s) => ({
        id: s.id,
        confirmedAt: s.confirmed_at,
        method: s.method,
        methodLabel: SAFETY_CONFIRMATION_METHOD_LABELS[s.method],
        seenByUserId: s.seen_by_user_id,
        seenByUserName: s.seen_by_user_name,
        seenByName: s.seen_by_name,
        place: s.place,
        notes: s.notes,
        childIds: parseEnumArray(s.child_ids),
        recordedBy: s.recorded_by,
        recordedAt: s.recorded_at,
      })),
      assessment: report.assessment,
      assessmentNotes: report.assessmentNotes,
      assessedBy: report.assessedBy,
      assessedAt: report.assessedAt,
      accessLevel: facts.level === 'read_only' ? 'read_only' : 'full',
      version: report.version,
      createdAt: report.createdAt,
      updatedAt: report.updatedAt,
    };
  }

  /** Corrections of the intake record; the receipt time is not editable (it is the 48-hour clock). */
  async update(actor: Actor, id: string, dto: UpdateChildAbuseReportDto, note: AuditNote): Promise<ChildAbuseReportView> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockForWrite(manager, actor, id, note);
      if (report.version !== dto.version) throw versionConflict();
      if (report.status === ChildAbuseReportStatus.Assessed) throw invalidTransition(report.status, 'update', []);
      const { version: _version, ...changes } = definedFields(dto);
      Object.assign(report, changes);
      await manager.save(report);
      return this.get(actor, id, manager);
    });
  }

  /** 調査・判定 after 安全確認: supervisors record the assessment. */
  async assess(actor: Actor, id: string, dto: AssessReportDto, note: AuditNote): Promise<ChildAbuseReportView> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockForWrite(manager, actor, id, note);
      if (report.version !== dto.version) throw versionConflict();
      if (report.status !== ChildAbuseReportStatus.SafetyConfirmed) throw invalidTransition(report.status, 'assess', report.status === ChildAbuseReportStatus.Received ? ['record_safety_confirmation'] : []);
      report.status = ChildAbuseReportStatus.Assessed;
      report.assessment = dto.assessment;
      report.assessmentNotes = dto.notes;
      report.assessedBy = actor.userId;
      report.assessedAt = new Date();
      await manager.save(report);
      return this.get(actor, id, manager);
    });
  }

  async list(actor: Actor, query: ListReportsQuery): Promise<Page<ChildAbuseReportSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.caseScopeCondition(actor, 'c');
    const qb = this.summaryQuery(this.dataSource.manager).where(scope.sql, scope.params);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.urgency) qb.andWhere('r.urgency = :urgency', { urgency: query.urgency });
    if (query.caseId) qb.andWhere('r.case_id = :caseId', { caseId: query.caseId });
    if (query.receivedFrom) qb.andWhere('r.received_at >= :receivedFrom', { receivedFrom: query.receivedFrom });
    if (query.receivedTo) qb.andWhere('r.received_at < :receivedTo', { receivedTo: query.receivedTo });
    if (query.rule48 === 'met' || query.rule48 === 'missed') qb.andWhere('r.rule48_result = :rule48', { rule48: query.rule48 });
    if (query.rule48 === 'pending') qb.andWhere(`r.status = 'received' AND r.safety_due_at >= now()`);
    if (query.rule48 === 'overdue') qb.andWhere(`r.status = 'received' AND r.safety_due_at < now()`);
    const total = await cappedCount(this.dataSource.manager, qb, REPORT_LIST_COUNT_CAP);
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(r.received_at, r.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', { afterAt: after[0], afterId: after[1] });
    const rows = await qb.orderBy('r.received_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit + 1).getRawMany<SummaryRow>();
    const page = toPage(rows, limit, (row) => [row.sort_key, row.id]);
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor, ...total };
  }

  /**
   * Locks a report for a change by someone who may write its case. A closed
   * case takes no changes (as a new 通告 on it is refused), unless
   * `closedCase` is 'allow': a safety confirmation is the record of the
   * 48-hour duty and must be recordable whatever became of the case.
   */
  async lockForWrite(manager: EntityManager, actor: Actor, id: string, note: AuditNote, closedCase: 'refuse' | 'allow' = 'refuse'): Promise<ChildAbuseReport> {
    const [found]: Array<{ case_id: string }> = await manager.query(`SELECT case_id FROM child_abuse_reports WHERE id = $1`, [id]);
    if (!found) throw notFound('report');
    // Read once: out of scope is the report's 404; the rest (break-glass, read only) is the case's own refusal.
    const access = await this.access.caseAccess(manager, actor, found.case_id);
    if (access.level === 'none') throw notFound('report');
    const facts = this.access.assertCaseAccessOf(access, 'write');
    if (closedCase === 'refuse') assertCaseStateAction(facts.status as CaseStatus, 'edit');
    note.related = [{ resourceType: 'case', resourceId: found.case_id }];
    const report = await manager.getRepository(ChildAbuseReport).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!report) throw notFound('report');
    return report;
  }

  private async openCase(manager: EntityManager, actor: Actor, dto: CreateChildAbuseReportDto): Promise<string> {
    const newCase = dto.newCase!;
    return this.cases.createIn(manager, actor, {
      label: newCase.label,
      supportLevel: newCase.supportLevel ?? SupportLevel.ProtectionRequired,
      abuseTypes: dto.abuseTypes,
      leadWorkerId: newCase.leadWorkerId,
      members: dto.childIds.map((personId) => ({ personId, relationship: MemberRelationship.Child })),
    });
  }

  private summaryQuery(manager: EntityManager): SelectQueryBuilder<object> {
    return manager
      .createQueryBuilder()
      .select(['r.id AS id', 'r.office_id AS office_id', 'r.case_id AS case_id', 'c.case_number AS case_number', 'c.label AS case_label', 'r.received_at AS received_at'])
      .addSelect(['r.source AS source', 'r.abuse_types AS abuse_types', 'r.urgency AS urgency', 'r.status AS status', 'r.safety_due_at AS safety_due_at'])
      .addSelect(['r.safety_confirmed_at AS safety_confirmed_at', 'r.rule48_result AS rule48_result'])
      .addSelect(instantKeySql('r.received_at'), 'sort_key')
      .from('child_abuse_reports', 'r')
      .innerJoin('cases', 'c', 'c.id = r.case_id');
  }

  private async summaries(qb: SelectQueryBuilder<object>): Promise<ChildAbuseReportSummary[]> {
    return (await qb.getRawMany<SummaryRow>()).map(toSummary);
  }
}

function toSummary(row: SummaryRow): ChildAbuseReportSummary {
  const status = rule48Status({ status: row.status, receivedAt: row.received_at, rule48Result: row.rule48_result });
  return {
    id: row.id,
    officeId: row.office_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseLabel: row.case_label,
    receivedAt: row.received_at,
    source: row.source,
    sourceLabel: REPORT_SOURCE_LABELS[row.source],
    abuseTypes: parseEnumArray(row.abuse_types),
    urgency: row.urgency,
    urgencyLabel: REPORT_URGENCY_LABELS[row.urgency],
    status: row.status,
    statusLabel: CHILD_ABUSE_REPORT_STATUS_LABELS[row.status],
    safetyDueAt: row.safety_due_at,
    safetyConfirmedAt: row.safety_confirmed_at,
    rule48Result: row.rule48_result,
    rule48Status: status,
    rule48StatusLabel: RULE48_STATUS_LABELS[status],
  };
}
