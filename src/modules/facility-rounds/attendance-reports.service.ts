import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { daysBetween, todayInJapan } from '../../common/time/japan-time';
import { namedRows } from '../../database/named-sql';
import { sqlRows } from '../../database/sql';
import { createInTransaction } from '../audit/write-audit';
import { checkAttendanceFigures, isLongAbsence, latestOverdueMonth, monthOf, monthStart, reportDeadline } from './attendance-rules';
import { AttendanceReportView, CreateAttendanceReportDto, ListAttendanceReportsQuery, MissingReportsQuery, MissingReportView, UpdateAttendanceReportDto } from './dto/attendance-report.dto';
import { AttendanceReport } from './entities/attendance-report.entity';
import { ChildOfConcern } from './entities/child-of-concern.entity';
import { FacilityRoundReminders } from './facility-round-reminders';

interface ReportRow {
  id: string;
  child_of_concern_id: string;
  case_id: string;
  person_id: string;
  name_kanji: string;
  facility_id: string;
  facility_name: string;
  month: string;
  days_attended: number;
  days_absent: number;
  absences_explained: boolean | null;
  longest_consecutive_absence: number;
  long_absence: boolean;
  received_on: string;
  notes: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const REPORT_SELECT = `
  SELECT r.id, r.child_of_concern_id, f.case_id, f.person_id, p.name_kanji, f.facility_id, fa.name AS facility_name, r.month,
         r.days_attended, r.days_absent, r.absences_explained, r.longest_consecutive_absence, r.long_absence, r.received_on, r.notes,
         r.version, r.created_at, r.updated_at
    FROM attendance_reports r
    JOIN children_of_concern f ON f.id = r.child_of_concern_id
    JOIN cases c ON c.id = f.case_id
    JOIN persons p ON p.id = f.person_id
    JOIN facilities fa ON fa.id = f.facility_id`;

/**
 * 出欠状況報告: each flagged child's monthly attendance as the facility
 * reports it. A run of 7 or more days absent notifies the lead worker at
 * once; a month not reported by the 10th of the next month is "missing"
 * (listed, and reminded to the lead worker).
 */
@Injectable()
export class AttendanceReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: FacilityRoundReminders,
  ) {}

  async create(actor: Actor, dto: CreateAttendanceReportDto): Promise<AttendanceReportView> {
    const month = monthStart(dto.month);
    const errors = checkAttendanceFigures(dto, month);
    if (errors.length > 0) throw validationFailed(errors);
    const id = await createInTransaction(this.dataSource, async (manager) => {
      // Locked for update: the daily sweep share-locks the flags whose "report missing" reminders it re-asserts.
      const flag = await manager.getRepository(ChildOfConcern).findOne({ where: { id: dto.childOfConcernId }, lock: { mode: 'pessimistic_write' } });
      if (!flag) throw notFound('child of concern');
      const facts = await this.access.assertCaseAccess(manager, actor, flag.caseId, 'write', { notFoundAs: 'child of concern' });
      if (month > todayInJapan()) throw validationFailed([{ field: 'month', code: 'in_future', message: 'まだ始まっていない月の報告は登録できません。' }]);
      if (month > (flag.endOn ?? month) || monthOf(flag.startOn) > dto.month) {
        throw businessRule('The child was not flagged at the facility in that month.', [{ field: 'month', code: 'outside_flag_period', message: '要配慮児童の登録期間外の月です。' }]);
      }
      const repo = manager.getRepository(AttendanceReport);
      const report = await repo.save(
        repo.create({
          childOfConcernId: flag.id,
          month,
          daysAttended: dto.daysAttended,
          daysAbsent: dto.daysAbsent,
          absencesExplained: dto.absencesExplained ?? null,
          longestConsecutiveAbsence: dto.longestConsecutiveAbsence,
          receivedOn: dto.receivedOn ?? todayInJapan(),
          notes: dto.notes ?? null,
          longAbsence: isLongAbsence(dto.longestConsecutiveAbsence),
          createdBy: actor.userId,
        }),
      );
      await this.reminders.reportReceived(manager, flag.id, dto.month);
      if (report.longAbsence) await this.reminders.longAbsence(manager, report.id, { leadWorkerId: facts.leadWorkerId, officeId: facts.officeId });
      return report.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<AttendanceReportView> {
    const [row] = await sqlRows<ReportRow>(this.dataSource, `${REPORT_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw notFound('attendance report');
    await this.access.assertCaseAccess(this.dataSource.manager, actor, row.case_id, 'read', { notFoundAs: 'attendance report' });
    return toView(row);
  }

  async list(actor: Actor, query: ListAttendanceReportsQuery): Promise<Page<AttendanceReportView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.caseScopeCondition(actor, 'c');
    const where = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params };
    if (query.childOfConcernId) (where.push('r.child_of_concern_id = :flagId'), (params.flagId = query.childOfConcernId));
    if (query.facilityId) (where.push('f.facility_id = :facilityId'), (params.facilityId = query.facilityId));
    if (query.caseId) (where.push('f.case_id = :caseId'), (params.caseId = query.caseId));
    if (query.month) (where.push('r.month = :month'), (params.month = monthStart(query.month)));
    if (query.longAbsence !== undefined) (where.push('r.long_absence = :longAbsence'), (params.longAbsence = query.longAbsence));
    const filter = where.join(' AND ');
    const [{ total }] = await namedRows<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM attendance_reports r JOIN children_of_concern f ON f.id = r.child_of_concern_id JOIN cases c ON c.id = f.case_id WHERE ${filter}`,
      params,
    );
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ` AND (r.month, r.id) < (:afterMonth::date, :afterId::uuid)` : '';
    const rows = await namedRows<ReportRow>(this.dataSource, `${REPORT_SELECT} WHERE ${filter}${keyset} ORDER BY r.month DESC, r.id DESC LIMIT :limit`, {
      ...params,
      afterMonth: after?.[0],
      afterId: after?.[1],
      limit: limit + 1,
    });
    const page = toPage(rows, limit, (r) => [r.month, r.id]);
    return { items: page.items.map(toView), nextCursor: page.nextCursor, total };
  }

  async update(actor: Actor, id: string, dto: UpdateAttendanceReportDto): Promise<AttendanceReportView> {
    await this.dataSource.transaction(async (manager) => {
      const report = await manager.getRepository(AttendanceReport).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw notFound('attendance report');
      const flag = await manager.getRepository(ChildOfConcern).findOneOrFail({ where: { id: report.childOfConcernId } });
      const facts = await this.access.assertCaseAccess(manager, actor, flag.caseId, 'write', { notFoundAs: 'attendance report' });
      if (report.version !== dto.version) throw versionConflict();
      const { version: _version, ...changes } = dto;
      Object.assign(report, changes);
      if (report.daysAbsent === 0 && changes.absencesExplained === undefined) report.absencesExplained = null;
      const errors = checkAttendanceFigures(report, report.month);
      if (errors.length > 0) throw validationFailed(errors);
      const wasLong = report.longAbsence;
      report.longAbsence = isLongAbsence(report.longestConsecutiveAbsence);
      await manager.save(report);
      // A correction that reveals a long absence notifies as the first report would have.
      if (report.longAbsence && !wasLong) await this.reminders.longAbsence(manager, report.id, { leadWorkerId: facts.leadWorkerId, officeId: facts.officeId });
    });
    return this.get(actor, id);
  }

  /**
   * Reports missing on `asOf`: every month a child was flagged whose deadline
   * (the 10th of the next month) has passed without a report, for open cases
   * in the caller's scope. One set-based query over the flags' months.
   */
  async missing(actor: Actor, query: MissingReportsQuery): Promise<Page<MissingReportView> & { asOf: string }> {
    const asOf = query.asOf ?? todayInJapan();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.caseScopeCondition(actor, 'c');
    const params: Record<string, unknown> = { ...scope.params, latest: latestOverdueMonth(asOf) };
    const facility = query.facilityId ? 'AND f.facility_id = :facilityId' : '';
    if (query.facilityId) params.facilityId = query.facilityId;
    const from = `
      FROM children_of_concern f
      JOIN cases c ON c.id = f.case_id
      CROSS JOIN LATERAL generate_series(date_trunc('month', f.start_on)::date, least(coalesce(f.end_on, :latest::date), :latest::date), interval '1 month') AS m(month)`;
    const where = `
      WHERE ${scope.sql} AND c.status <> 'closed' ${facility}
        AND NOT EXISTS (SELECT 1 FROM attendance_reports r WHERE r.child_of_concern_id = f.id AND r.month = m.month::date)`;
    const [{ total }] = await namedRows<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total ${from} ${where}`, params);
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ` AND (m.month::date, f.id) > (:afterMonth::date, :afterId::uuid)` : '';
    const rows = await namedRows<{
      child_of_concern_id: string;
      month: string;
      case_id: string;
      case_number: string;
      person_id: string;
      name_kanji: string;
      name_kana: string;
      facility_id: string;
      facility_name: string;
      lead_worker_id: string | null;
      lead_worker_name: string | null;
    }>(
      this.dataSource,
      `SELECT f.id AS child_of_concern_id, m.month::date::text AS month, f.case_id, c.case_number, f.person_id, p.name_kanji, p.name_kana,
              f.facility_id, fa.name AS facility_name, c.lead_worker_id, u.display_name AS lead_worker_name
         ${from}
         JOIN persons p ON p.id = f.person_id
         JOIN facilities fa ON fa.id = f.facility_id
         LEFT JOIN users u ON u.id = c.lead_worker_id
         ${where}${keyset}
        ORDER BY m.month, f.id LIMIT :limit`,
      { ...params, afterMonth: after?.[0], afterId: after?.[1], limit: limit + 1 },
    );
    const items = rows.map((r): MissingReportView => {
      const deadline = reportDeadline(r.month);
      return {
        id: `${r.child_of_concern_id}:${monthOf(r.month)}`,
        childOfConcernId: r.child_of_concern_id,
        month: monthOf(r.month),
        deadline,
        daysLate: daysBetween(deadline, asOf),
        caseId: r.case_id,
        caseNumber: r.case_number,
        personId: r.person_id,
        nameKanji: r.name_kanji,
        nameKana: r.name_kana,
        facilityId: r.facility_id,
        facilityName: r.facility_name,
        leadWorkerId: r.lead_worker_id,
        leadWorkerName: r.lead_worker_name,
      };
    });
    return { ...toPage(items, limit, (r) => [monthStart(r.month), r.childOfConcernId]), total, asOf };
  }
}

function toView(row: ReportRow): AttendanceReportView {
  return {
    id: row.id,
    childOfConcernId: row.child_of_concern_id,
    caseId: row.case_id,
    personId: row.person_id,
    nameKanji: row.name_kanji,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    month: monthOf(row.month),
    daysAttended: row.days_attended,
    daysAbsent: row.days_absent,
    absencesExplained: row.absences_explained,
    longestConsecutiveAbsence: row.longest_consecutive_absence,
    longAbsence: row.long_absence,
    receivedOn: row.received_on,
    late: row.received_on > reportDeadline(row.month),
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
