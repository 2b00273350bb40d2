import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, conflict, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { definedFields } from '../../common/http/defined-fields';
import { namedRows } from '../../database/named-sql';
import { sqlRows } from '../../database/sql';
import { FacilitiesService } from '../facilities/facilities.service';
import { FacilityType } from '../facilities/facility.entity';
import { createInTransaction } from '../audit/write-audit';
import { ChildOfConcernView, CreateChildOfConcernDto, ListChildrenOfConcernQuery, UpdateChildOfConcernDto } from './dto/child-of-concern.dto';
import { ChildOfConcern } from './entities/child-of-concern.entity';
import { FacilityRoundReminders } from './facility-round-reminders';
import { ROUND_FACILITY_TYPES } from './round-facility-types';

interface FlagRow {
  id: string;
  case_id: string;
  case_number: string;
  case_office_id: string;
  person_id: string;
  name_kanji: string;
  name_kana: string;
  sort_kana: string;
  birth_date: string | null;
  facility_id: string;
  facility_name: string;
  facility_type: FacilityType;
  start_on: string;
  end_on: string | null;
  class_name: string | null;
  reason: string | null;
  last_report_month: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const FLAG_SELECT = `
  SELECT f.id, f.case_id, c.case_number, c.office_id AS case_office_id, f.person_id, p.name_kanji, p.name_kana, p.name_kana_normalized AS sort_kana, p.birth_date,
         f.facility_id, fa.name AS facility_name, fa.type AS facility_type, f.start_on, f.end_on, f.class_name, f.reason,
         (SELECT to_char(max(r.month), 'YYYY-MM') FROM attendance_reports r WHERE r.child_of_concern_id = f.id) AS last_report_month,
         f.version, f.created_at, f.updated_at
    FROM children_of_concern f
    JOIN cases c ON c.id = f.case_id
    JOIN persons p ON p.id = f.person_id
    JOIN facilities fa ON fa.id = f.facility_id`;

/**
 * 要配慮児童: children of cases flagged at the facility they attend. Every
 * read goes through the case scope, so staff without the case in scope never
 * learn who is flagged at a facility.
 */
@Injectable()
export class ChildrenOfConcernService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly facilities: FacilitiesService,
    private readonly reminders: FacilityRoundReminders,
  ) {}

  async create(actor: Actor, dto: CreateChildOfConcernDto): Promise<ChildOfConcernView> {
    if (dto.endOn && dto.endOn < dto.startOn) throw validationFailed([{ field: 'endOn', code: 'before_start', message: '終了日は開始日以降にしてください。' }]);
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const facts = await this.access.assertCaseAccess(manager, actor, dto.caseId, 'write');
      if (facts.status === 'closed') throw businessRule('The case is closed.');
      await this.assertChildOfCase(manager, dto.caseId, dto.personId);
      await this.facilities.assertUsable(manager, dto.facilityId, { types: ROUND_FACILITY_TYPES });
      const repo = manager.getRepository(ChildOfConcern);
      const saved = await withOverlapCheck(() =>
        repo.save(
          repo.create({
            caseId: dto.caseId,
            personId: dto.personId,
            facilityId: dto.facilityId,
            startOn: dto.startOn,
            endOn: dto.endOn ?? null,
            className: dto.className ?? null,
            reason: dto.reason ?? null,
            createdBy: actor.userId,
          }),
        ),
      );
      await this.reminders.syncReportReminders(manager, { childOfConcernIds: [saved.id] });
      return saved.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ChildOfConcernView> {
    const [row] = await sqlRows<FlagRow>(this.dataSource, `${FLAG_SELECT} WHERE f.id = $1`, [id]);
    if (!row) throw notFound('child of concern');
    await this.access.assertCaseAccess(this.dataSource.manager, actor, row.case_id, 'read', { notFoundAs: 'child of concern' });
    return toView(row);
  }

  async list(actor: Actor, query: ListChildrenOfConcernQuery): Promise<Page<ChildOfConcernView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.caseScopeCondition(actor, 'c');
    const where = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params };
    if (query.facilityId) (where.push('f.facility_id = :facilityId'), (params.facilityId = query.facilityId));
    if (query.caseId) (where.push('f.case_id = :caseId'), (params.caseId = query.caseId));
    if (query.personId) (where.push('f.person_id = :personId'), (params.personId = query.personId));
    if (query.activeOn) (where.push('f.start_on <= :activeOn AND (f.end_on IS NULL OR f.end_on >= :activeOn)'), (params.activeOn = query.activeOn));
    if (query.active !== undefined) {
      params.today = todayInJapan();
      where.push(query.active ? 'f.start_on <= :today AND (f.end_on IS NULL OR f.end_on >= :today)' : 'f.end_on < :today');
    }
    const filter = where.join(' AND ');
    const [{ total }] = await namedRows<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM children_of_concern f JOIN cases c ON c.id = f.case_id WHERE ${filter}`,
      params,
    );
    const after = decodeCursor(query.cursor, 3);
    const keyset = after ? ` AND (fa.name COLLATE "C", p.name_kana_normalized COLLATE "C", f.id) > (:k1 COLLATE "C", :k2 COLLATE "C", :k3::uuid)` : '';
    const rows = await namedRows<FlagRow>(
      this.dataSource,
      `${FLAG_SELECT}
        WHERE ${filter}${keyset}
        ORDER BY fa.name COLLATE "C", p.name_kana_normalized COLLATE "C", f.id LIMIT :limit`,
      { ...params, k1: after?.[0], k2: after?.[1], k3: after?.[2], limit: limit + 1 },
    );
    const page = toPage(rows, limit, (r) => [r.facility_name, r.sort_kana, r.id]);
    return { items: page.items.map(toView), nextCursor: page.nextCursor, total };
  }

  async update(actor: Actor, id: string, dto: UpdateChildOfConcernDto): Promise<ChildOfConcernView> {
    await this.dataSource.transaction(async (manager) => {
      const flag = await manager.getRepository(ChildOfConcern).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!flag) throw notFound('child of concern');
      await this.access.assertCaseAccess(manager, actor, flag.caseId, 'write', { notFoundAs: 'child of concern' });
      if (flag.version !== dto.version) throw versionConflict();
      const { version: _version, ...changes } = definedFields(dto);
      Object.assign(flag, changes);
      if (flag.endOn && flag.endOn < flag.startOn) throw validationFailed([{ field: 'endOn', code: 'before_start', message: '終了日は開始日以降にしてください。' }]);
      await withOverlapCheck(() => manager.save(flag));
      await this.reminders.syncReportReminders(manager, { childOfConcernIds: [flag.id] });
    });
    return this.get(actor, id);
  }

  private async assertChildOfCase(manager: EntityManager, caseId: string, personId: string): Promise<void> {
    const [member] = await sqlRows<{ kind: string }>(manager, `SELECT p.kind FROM case_members m JOIN persons p ON p.id = m.person_id WHERE m.case_id = $1 AND m.person_id = $2`, [caseId, personId]);
    if (!member || member.kind !== 'child') throw validationFailed([{ field: 'personId', code: 'not_a_child_of_the_case', message: 'このケースの児童ではありません。' }]);
  }
}

/** The exclusion constraint keeps one flag per child and facility at any date; a clash is a 409 the user can act on. */
async function withOverlapCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
      throw conflict('The child is already flagged at this facility for an overlapping period.');
    }
    throw error;
  }
}

export function toView(row: FlagRow): ChildOfConcernView {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseOfficeId: row.case_office_id,
    personId: row.person_id,
    nameKanji: row.name_kanji,
    nameKana: row.name_kana,
    birthDate: row.birth_date,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    facilityType: row.facility_type,
    startOn: row.start_on,
    endOn: row.end_on,
    className: row.class_name,
    reason: row.reason,
    lastReportMonth: row.last_report_month,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
