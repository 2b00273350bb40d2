import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, forbidden, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { definedFields } from '../../common/http/defined-fields';
import { toPositional } from '../../database/named-params';
import { sqlRows } from '../../database/sql';
import { createInTransaction } from '../audit/write-audit';
import { CheckShortStayDto, CreateShortStayDto, UpdateShortStayDto } from './dto/short-stay-request.dto';
import { ListShortStaysQuery } from './dto/short-stay-query.dto';
import { shortStayUpdateRefusal } from './short-stay-permissions';
import { SHORT_STAY_VIEW_SELECT, ShortStayRow, ShortStayView, toShortStayView } from './dto/short-stay.view';
import { ShortStayCheckResultView } from './dto/short-stay-check.view';
import { ShortStay } from './entities/short-stay.entity';
import { Assessment, assessShortStay, loadChildOfCase, loadShortStayFacility, ShortStayFacilityFacts } from './short-stay-assessment';
import { feeForStay } from './short-stay-fee-rates';
import { loadStayForAction, recordEvent, stayView } from './short-stay-records';
import { nextStatus } from './short-stay-state-machine';
import { ShortStayAction, ShortStayStatus } from './short-stay.enums';

/** Requests: the pre-check, submission, changes while waiting, and reading them in scope. */
@Injectable()
export class ShortStayRequestsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly access: AccessService) {}

  /** Which checks the stay would pass now, and what it would cost; changes nothing. */
  async check(actor: Actor, dto: CheckShortStayDto): Promise<ShortStayCheckResultView> {
    const manager = this.dataSource.manager;
    await this.access.assertCaseAccess(manager, actor, dto.caseId, 'read');
    const { assessment, facility } = await this.assess(manager, dto);
    const fee = dto.householdStatus ? await feeForStay(manager, facility.type, dto.householdStatus, dto.firstNight, assessment.nights) : null;
    return toCheckResult(assessment, fee);
  }

  async create(actor: Actor, dto: CreateShortStayDto): Promise<ShortStayView> {
    const id = await createInTransaction(this.dataSource, async (manager) => {
      // The case row is share-locked until the request is in: a transfer of the case waits for it (and then moves
      // it), or goes first and is seen here.
      const facts = await this.access.assertCaseAccess(manager, actor, dto.caseId, 'write', { lock: 'key share' });
      if (facts.status === 'closed') throw businessRule('終結したケースにはショートステイを申請できません。');
      const { assessment } = await this.assess(manager, dto);
      assertPasses(assessment);
      const repo = manager.getRepository(ShortStay);
      const saved = await repo.save(
        repo.create({
          officeId: facts.officeId,
          caseId: dto.caseId,
          childId: dto.childId,
          facilityId: dto.facilityId,
          firstNight: dto.firstNight,
          lastNight: dto.lastNight,
          status: ShortStayStatus.Requested,
          reason: dto.reason,
          householdStatus: dto.householdStatus,
          guardianConsentOn: dto.guardianConsentOn,
          guardianConsentBy: dto.guardianConsentBy,
          contactDuringStay: dto.contactDuringStay,
          allergies: dto.allergies ?? null,
          medicalNotes: dto.medicalNotes ?? null,
          requestedBy: actor.userId,
          requestedAt: new Date(),
        }),
      );
      await recordEvent(manager, saved.id, ShortStayAction.Request, null, ShortStayStatus.Requested, actor.userId, null, { checks: passedCodes(assessment) });
      return saved.id;
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  /** Only the requester changes a request, and only while it waits for a decision. */
  async update(actor: Actor, id: string, dto: UpdateShortStayDto): Promise<ShortStayView> {
    await this.dataSource.transaction(async (manager) => {
      const { stay } = await loadStayForAction(this.access, manager, actor, id, 'write');
      const refusal = shortStayUpdateRefusal(actor, stay);
      if (refusal) throw forbidden(refusal);
      nextStatus(stay.status, ShortStayAction.Update);
      if (stay.version !== dto.version) throw versionConflict();
      const { version: _version, ...changes } = definedFields(dto);
      Object.assign(stay, changes);
      const { assessment } = await this.assess(manager, { caseId: stay.caseId, childId: stay.childId, facilityId: stay.facilityId, firstNight: stay.firstNight, lastNight: stay.lastNight }, stay.id);
      assertPasses(assessment);
      await manager.getRepository(ShortStay).save(stay);
      await recordEvent(manager, stay.id, ShortStayAction.Update, stay.status, stay.status, actor.userId, null, { fields: Object.keys(changes) });
    });
    return stayView(this.dataSource.manager, id, actor);
  }

  async get(actor: Actor, id: string): Promise<ShortStayView> {
    const manager = this.dataSource.manager;
    const rows = await sqlRows<{ case_id: string }>(manager, `SELECT case_id FROM short_stays WHERE id = $1`, [id]);
    if (!rows[0]) throw notFound('short stay');
    await this.access.assertCaseAccess(manager, actor, rows[0].case_id, 'read', { notFoundAs: 'short stay' });
    return stayView(manager, id, actor);
  }

  /** Stays of the cases in the caller's scope, newest first night first (keyset on first night and id). */
  async list(actor: Actor, query: ListShortStaysQuery): Promise<Page<ShortStayView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [];
    const scope = this.access.caseScopeCondition(actor, 'c');
    const where: string[] = [toPositional(scope.sql, scope.params, params)];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status) add((p) => `s.status = ${p}`, query.status);
    if (query.caseId) add((p) => `s.case_id = ${p}`, query.caseId);
    if (query.childId) add((p) => `s.child_id = ${p}`, query.childId);
    if (query.facilityId) add((p) => `s.facility_id = ${p}`, query.facilityId);
    if (query.from) add((p) => `s.last_night >= ${p}::date`, query.from);
    if (query.to) add((p) => `s.first_night <= ${p}::date`, query.to);
    if (query.mine) add((p) => `s.requested_by = ${p}`, actor.userId);
    const filtered = where.join(' AND ');
    const [{ total }] = await sqlRows<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM short_stays s JOIN cases c ON c.id = s.case_id WHERE ${filtered}`,
      params,
    );
    const after = decodeCursor(query.cursor, 2);
    const pageParams = [...params];
    let keyset = '';
    if (after) {
      pageParams.push(after[0], after[1]);
      keyset = ` AND (s.first_night, s.id) < ($${pageParams.length - 1}::date, $${pageParams.length}::uuid)`;
    }
    pageParams.push(limit + 1);
    const rows = await sqlRows<ShortStayRow>(
      this.dataSource,
      `${SHORT_STAY_VIEW_SELECT} WHERE ${filtered}${keyset} ORDER BY s.first_night DESC, s.id DESC LIMIT $${pageParams.length}`,
      pageParams,
    );
    return { ...toPage(rows.map((row) => toShortStayView(row, actor)), limit, (v) => [v.firstNight, v.id]), total };
  }

  private async assess(
    manager: EntityManager,
    dto: Pick<CheckShortStayDto, 'caseId' | 'childId' | 'facilityId' | 'firstNight' | 'lastNight'>,
    stayId?: string,
  ): Promise<{ assessment: Assessment; facility: ShortStayFacilityFacts }> {
    if (dto.lastNight < dto.firstNight) {
      throw validationFailed([{ field: 'lastNight', code: 'before_first_night', message: '最終泊は初泊以降の日付にしてください。' }]);
    }
    const { birthDate } = await loadChildOfCase(manager, dto.caseId, dto.childId);
    const facility = await loadShortStayFacility(manager, dto.facilityId);
    const assessment = await assessShortStay(manager, {
      today: todayInJapan(),
      childId: dto.childId,
      birthDate,
      facility,
      firstNight: dto.firstNight,
      lastNight: dto.lastNight,
      stayId,
      lock: false,
    });
    return { assessment, facility };
  }
}

function passedCodes(assessment: Assessment): string[] {
  return assessment.checks.filter((c) => c.passed).map((c) => c.code);
}

/** A request that fails a check is not submitted: 422 with every check, so the screen can show which failed. */
export function assertPasses(assessment: Assessment): void {
  if (assessment.eligible) return;
  const failed = assessment.checks.filter((c) => !c.passed);
  throw businessRule(
    `ショートステイの要件を満たしていません: ${failed.map((c) => c.label).join('、')}`,
    failed.map((c) => ({ field: c.code, code: c.code, message: c.message })),
    { checks: assessment.checks, nights: assessment.nights, ageOnFirstNight: assessment.ageOnFirstNight },
  );
}

export function toCheckResult(assessment: Assessment, fee: ShortStayCheckResultView['fee']): ShortStayCheckResultView {
  return {
    eligible: assessment.eligible,
    nights: assessment.nights,
    ageOnFirstNight: assessment.ageOnFirstNight,
    policy: assessment.policy,
    checks: assessment.checks,
    fee,
  };
}
