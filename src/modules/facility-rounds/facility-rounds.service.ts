import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { addDays, daysBetween, fiscalYearOf, fiscalYearRange, japanDateOf, todayInJapan } from '../../common/time/japan-time';
import { namedRows } from '../../database/named-sql';
import { FacilitiesService } from '../facilities/facilities.service';
import { FACILITY_TYPE_LABELS, FacilityType } from '../facilities/facility.entity';
import { assertCaseworkStaff } from '../users/casework-staff';
import { createInTransaction } from '../audit/write-audit';
import {
  CancelFacilityRoundDto,
  FacilityRoundSummaryView,
  FacilityRoundView,
  ListFacilityRoundsQuery,
  PlanFacilityRoundDto,
  ReachQuery,
  ReachView,
  RecordFacilityRoundDto,
  RoundsDueQuery,
  StaffRef,
  UpdateFacilityRoundDto,
} from './dto/facility-round.dto';
import {
  FACILITY_ROUND_STATUS_LABELS,
  FacilityRound,
  FacilityRoundConsultation,
  FacilityRoundFollowUp,
  FacilityRoundObservation,
  FacilityRoundStatus,
  ROUND_ATTENDANCE_LABELS,
  RoundAttendance,
} from './entities/facility-round.entity';
import { FacilityRoundReminders } from './facility-round-reminders';
import { ROUND_FACILITY_TYPES } from './round-facility-types';
import { checkRoundReferences, FlagFacts } from './round-record.rules';
import { assertRoundAction, RoundAction } from './round-state';

const CLOCK_SLACK_MS = 5 * 60 * 1000;
const DEFAULT_DUE_WINDOW_DAYS = 7;

interface RoundRow {
  id: string;
  office_id: string;
  facility_id: string;
  facility_name: string;
  facility_type: FacilityType;
  status: FacilityRoundStatus;
  planned_on: string;
  visitor_ids: string[];
  purpose: string | null;
  visited_at: Date | null;
  visited_on: string | null;
  summary: string | null;
  next_round_on: string | null;
  next_round_id: string | null;
  previous_round_id: string | null;
  cancel_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const ROUND_SELECT = `
  SELECT r.id, r.office_id, r.facility_id, fa.name AS facility_name, fa.type AS facility_type, r.status, r.planned_on, r.visitor_ids,
         r.purpose, r.visited_at, r.visited_on, r.summary, r.next_round_on, r.next_round_id, r.previous_round_id, r.cancel_reason,
         r.version, r.created_at, r.updated_at
    FROM facility_rounds r JOIN facilities fa ON fa.id = r.facility_id`;

/**
 * 巡回訪問: an office's rounds to nurseries, schools and other facilities.
 * A round is the office's record: its staff see it, and the facility's
 * registry entry is open to everyone. The children observed are case
 * content: each is shown only to staff with that child's case in scope, the
 * filter applied in SQL. Recording a round writes the round and all its
 * children, consultations and follow-ups in one transaction, or nothing.
 */
@Injectable()
export class FacilityRoundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly facilities: FacilitiesService,
    private readonly reminders: FacilityRoundReminders,
  ) {}

  async plan(actor: Actor, dto: PlanFacilityRoundDto): Promise<FacilityRoundView> {
    const id = await createInTransaction(this.dataSource, async (manager) => {
      await this.facilities.assertUsable(manager, dto.facilityId, { types: ROUND_FACILITY_TYPES });
      await assertCaseworkStaff(manager, dto.visitorIds, { field: 'visitorIds' });
      const round = await this.createPlanned(manager, actor, { facilityId: dto.facilityId, plannedOn: dto.plannedOn, visitorIds: dto.visitorIds, purpose: dto.purpose ?? null });
      return round.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<FacilityRoundView> {
    const row = await this.loadInScope(actor, id);
    const scope = this.access.caseScopeCondition(actor, 'c');
    const observations = await namedRows<{
      id: string;
      child_of_concern_id: string;
      case_id: string;
      person_id: string;
      name_kanji: string;
      name_kana: string;
      attendance: RoundAttendance;
      appearance: string | null;
      concerns: string | null;
    }>(
      this.dataSource,
      `SELECT o.id, o.child_of_concern_id, f.case_id, f.person_id, p.name_kanji, p.name_kana, o.attendance, o.appearance, o.concerns
         FROM facility_round_observations o
         JOIN children_of_concern f ON f.id = o.child_of_concern_id
         JOIN cases c ON c.id = f.case_id
         JOIN persons p ON p.id = f.person_id
        WHERE o.round_id = :roundId AND ${scope.sql}
        ORDER BY p.name_kana_normalized COLLATE "C", o.id`,
      { ...scope.params, roundId: id },
    );
    // A consultation or follow-up about one child goes with that child; the general ones are the office's.
    const aboutVisibleChild = `(x.child_of_concern_id IS NULL OR EXISTS (
        SELECT 1 FROM children_of_concern f JOIN cases c ON c.id = f.case_id WHERE f.id = x.child_of_concern_id AND ${scope.sql}))`;
    const consultations = await namedRows<{ id: string; facility_staff_role: string | null; topic: string; advice: string | null; child_of_concern_id: string | null }>(
      this.dataSource,
      `SELECT x.id, x.facility_staff_role, x.topic, x.advice, x.child_of_concern_id FROM facility_round_consultations x
        WHERE x.round_id = :roundId AND ${aboutVisibleChild} ORDER BY x.position`,
      { ...scope.params, roundId: id },
    );
    const followUps = await namedRows<{ id: string; action: string; due_on: string | null; child_of_concern_id: string | null }>(
      this.dataSource,
      `SELECT x.id, x.action, x.due_on, x.child_of_concern_id FROM facility_round_follow_ups x
        WHERE x.round_id = :roundId AND ${aboutVisibleChild} ORDER BY x.position`,
      { ...scope.params, roundId: id },
    );
    const names = await this.userNames(this.dataSource.manager, row.visitor_ids);
    return {
      id: row.id,
      officeId: row.office_id,
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      facilityType: row.facility_type,
      facilityTypeLabel: FACILITY_TYPE_LABELS[row.facility_type],
      status: row.status,
      statusLabel: FACILITY_ROUND_STATUS_LABELS[row.status],
      plannedOn: row.planned_on,
      visitors: refs(row.visitor_ids, names),
      purpose: row.purpose,
      visitedAt: row.visited_at,
      visitedOn: row.visited_on,
      summary: row.summary,
      nextRoundOn: row.next_round_on,
      nextRoundId: row.next_round_id,
      previousRoundId: row.previous_round_id,
      cancelReason: row.cancel_reason,
      observations: observations.map((o) => ({
        id: o.id,
        childOfConcernId: o.child_of_concern_id,
        caseId: o.case_id,
        personId: o.person_id,
        nameKanji: o.name_kanji,
        nameKana: o.name_kana,
        attendance: o.attendance,
        attendanceLabel: ROUND_ATTENDANCE_LABELS[o.attendance],
        appearance: o.appearance,
        concerns: o.concerns,
      })),
      consultations: consultations.map((c) => ({ id: c.id, facilityStaffRole: c.facility_staff_role, topic: c.topic, advice: c.advice, childOfConcernId: c.child_of_concern_id })),
      followUps: followUps.map((f) => ({ id: f.id, action: f.action, dueOn: f.due_on, childOfConcernId: f.child_of_concern_id })),
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async list(actor: Actor, query: ListFacilityRoundsQuery): Promise<Page<FacilityRoundSummaryView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where = ['r.office_id = :office'];
    const params: Record<string, unknown> = { office: actor.officeId };
    if (query.facilityId) (where.push('r.facility_id = :facilityId'), (params.facilityId = query.facilityId));
    if (query.status) (where.push('r.status = :status'), (params.status = query.status));
    if (query.from) (where.push('coalesce(r.visited_on, r.planned_on) >= :fromDay'), (params.fromDay = query.from));
    if (query.to) (where.push('coalesce(r.visited_on, r.planned_on) <= :toDay'), (params.toDay = query.to));
    const filter = where.join(' AND ');
    const [{ total }] = await namedRows<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total FROM facility_rounds r WHERE ${filter}`, params);
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ` AND (r.planned_on, r.id) < (:afterDay::date, :afterId::uuid)` : '';
    const rows = await this.summaries(actor, `${filter}${keyset}`, { ...params, afterDay: after?.[0], afterId: after?.[1] }, 'r.planned_on DESC, r.id DESC', limit + 1);
    return { ...toPage(rows, limit, (r) => [r.plannedOn, r.id]), total };
  }

  /** Planned rounds of the office that are late or coming up within `withinDays` (default 7). */
  async due(actor: Actor, query: RoundsDueQuery): Promise<Page<FacilityRoundSummaryView> & { asOf: string }> {
    const asOf = query.asOf ?? todayInJapan();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const until = addDays(asOf, query.withinDays ?? DEFAULT_DUE_WINDOW_DAYS);
    const filter = `r.office_id = :office AND r.status = 'planned' AND r.planned_on <= :until`;
    const params = { office: actor.officeId, until };
    const [{ total }] = await namedRows<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total FROM facility_rounds r WHERE ${filter}`, params);
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ` AND (r.planned_on, r.id) > (:afterDay::date, :afterId::uuid)` : '';
    const rows = await this.summaries(actor, `${filter}${keyset}`, { ...params, afterDay: after?.[0], afterId: after?.[1] }, 'r.planned_on, r.id', limit + 1);
    const items = rows.map((r) => ({ ...r, daysOverdue: Math.max(0, daysBetween(r.plannedOn, asOf)) }));
    return { ...toPage(items, limit, (r) => [r.plannedOn, r.id]), total, asOf };
  }

  /** Facilities reached: distinct facilities with a round done in the fiscal year, for the caller's office. */
  async reach(actor: Actor, query: ReachQuery): Promise<ReachView> {
    const fiscalYear = query.fiscalYear ?? fiscalYearOf(todayInJapan());
    const { firstDay, lastDay } = fiscalYearRange(fiscalYear);
    const rows = await namedRows<{ type: FacilityType; facilities: number; rounds: number }>(
      this.dataSource,
      `SELECT fa.type, count(DISTINCT r.facility_id)::int AS facilities, count(*)::int AS rounds
         FROM facility_rounds r JOIN facilities fa ON fa.id = r.facility_id
        WHERE r.office_id = :office AND r.status = 'done' AND r.visited_on BETWEEN :firstDay AND :lastDay
        GROUP BY fa.type ORDER BY fa.type`,
      { office: actor.officeId, firstDay, lastDay },
    );
    return {
      fiscalYear,
      officeId: actor.officeId,
      // A facility has one type, so the per-type counts add up to the distinct total.
      facilitiesReached: rows.reduce((sum, r) => sum + r.facilities, 0),
      roundsDone: rows.reduce((sum, r) => sum + r.rounds, 0),
      byType: rows.map((r) => ({ type: r.type, typeLabel: FACILITY_TYPE_LABELS[r.type], facilities: r.facilities, rounds: r.rounds })),
    };
  }

  async update(actor: Actor, id: string, dto: UpdateFacilityRoundDto): Promise<FacilityRoundView> {
    await this.change(actor, id, 'update', dto.version, async (manager, round) => {
      if (dto.visitorIds) await assertCaseworkStaff(manager, dto.visitorIds, { field: 'visitorIds' });
      const { version: _version, ...changes } = dto;
      Object.assign(round, changes);
    });
    return this.get(actor, id);
  }

  async cancel(actor: Actor, id: string, dto: CancelFacilityRoundDto): Promise<FacilityRoundView> {
    await this.change(actor, id, 'cancel', dto.version, async (_manager, round) => {
      Object.assign(round, { status: FacilityRoundStatus.Cancelled, cancelReason: dto.reason, cancelledBy: actor.userId, cancelledAt: new Date() });
    });
    return this.get(actor, id);
  }

  async record(actor: Actor, id: string, dto: RecordFacilityRoundDto): Promise<FacilityRoundView> {
    const visitedAt = new Date(dto.visitedAt);
    if (visitedAt.getTime() > Date.now() + CLOCK_SLACK_MS) throw validationFailed([{ field: 'visitedAt', code: 'in_future', message: '訪問日時に未来の日時は指定できません。' }]);
    const visitedOn = japanDateOf(visitedAt);
    if (dto.nextRoundOn && dto.nextRoundOn <= visitedOn) throw validationFailed([{ field: 'nextRoundOn', code: 'not_after_visit', message: '次回の巡回日は訪問日より後にしてください。' }]);
    await this.change(actor, id, 'record', dto.version, async (manager, round) => {
      const visitorIds = dto.visitorIds ?? round.visitorIds;
      if (dto.visitorIds) await assertCaseworkStaff(manager, visitorIds, { field: 'visitorIds' });
      const consultations = dto.consultations ?? [];
      const followUps = dto.followUps ?? [];
      const flags = await this.writableFlags(manager, actor, [
        ...dto.observations.map((o) => o.childOfConcernId),
        ...consultations.map((c) => c.childOfConcernId),
        ...followUps.map((f) => f.childOfConcernId),
      ]);
      const errors = checkRoundReferences({ observations: dto.observations, consultations, followUps }, flags, round.facilityId, visitedOn);
      if (errors.length > 0) throw validationFailed(errors, 'The round was not recorded: fix the children listed and send it again.');

      Object.assign(round, { status: FacilityRoundStatus.Done, visitedAt, visitedOn, visitorIds, summary: dto.summary ?? null, nextRoundOn: dto.nextRoundOn ?? null, recordedBy: actor.userId, recordedAt: new Date() });
      if (dto.observations.length > 0) {
        await manager.getRepository(FacilityRoundObservation).insert(
          dto.observations.map((o) => ({ roundId: round.id, childOfConcernId: o.childOfConcernId, attendance: o.attendance, appearance: o.appearance ?? null, concerns: o.concerns ?? null })),
        );
      }
      if (consultations.length > 0) {
        await manager.getRepository(FacilityRoundConsultation).insert(
          consultations.map((c, position) => ({ roundId: round.id, position, facilityStaffRole: c.facilityStaffRole ?? null, topic: c.topic, advice: c.advice ?? null, childOfConcernId: c.childOfConcernId ?? null })),
        );
      }
      if (followUps.length > 0) {
        await manager.getRepository(FacilityRoundFollowUp).insert(
          followUps.map((f, position) => ({ roundId: round.id, position, action: f.action, dueOn: f.dueOn ?? null, childOfConcernId: f.childOfConcernId ?? null })),
        );
      }
      if (dto.nextRoundOn) {
        const next = await this.createPlanned(manager, actor, { facilityId: round.facilityId, plannedOn: dto.nextRoundOn, visitorIds, purpose: round.purpose, previousRoundId: round.id });
        round.nextRoundId = next.id;
      }
    });
    return this.get(actor, id);
  }

  /** Loads and locks a round of the caller's office, checks state and version, applies the change and moves the reminder. */
  private async change(actor: Actor, id: string, action: RoundAction, version: number, apply: (manager: EntityManager, round: FacilityRound) => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(FacilityRound).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw notFound('facility round');
      this.access.assertOfficeInScope(actor, round.officeId, 'facility round');
      assertRoundAction(round.status, action);
      if (round.version !== version) throw versionConflict();
      await apply(manager, round);
      const saved = await manager.save(round);
      await this.reminders.roundChanged(manager, saved);
    });
  }

  private async createPlanned(
    manager: EntityManager,
    actor: Actor,
    spec: { facilityId: string; plannedOn: string; visitorIds: string[]; purpose: string | null; previousRoundId?: string },
  ): Promise<FacilityRound> {
    const repo = manager.getRepository(FacilityRound);
    const round = await repo.save(
      repo.create({
        officeId: actor.officeId,
        facilityId: spec.facilityId,
        status: FacilityRoundStatus.Planned,
        plannedOn: spec.plannedOn,
        visitorIds: spec.visitorIds,
        purpose: spec.purpose,
        previousRoundId: spec.previousRoundId ?? null,
        createdBy: actor.userId,
      }),
    );
    await this.reminders.roundChanged(manager, round);
    return round;
  }

  /**
   * The flags among `ids` that the caller may write about: in their case scope
   * (an id out of scope is simply not found) and not on a case only shared
   * with their office for reading.
   */
  private async writableFlags(manager: EntityManager, actor: Actor, ids: Array<string | null | undefined>): Promise<Map<string, FlagFacts>> {
    const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (wanted.length === 0) return new Map();
    const scope = this.access.caseScopeCondition(actor, 'c');
    const rows = await namedRows<{ id: string; facility_id: string; start_on: string; end_on: string | null; case_id: string }>(
      manager,
      `SELECT f.id, f.facility_id, f.start_on, f.end_on, f.case_id FROM children_of_concern f JOIN cases c ON c.id = f.case_id
        WHERE f.id = ANY (:ids::uuid[]) AND ${scope.sql}`,
      { ...scope.params, ids: wanted },
    );
    const writable = new Map<string, FlagFacts>();
    for (const caseId of new Set(rows.map((r) => r.case_id))) {
      const facts = await this.access.caseAccess(manager, actor, caseId);
      if (facts.level !== 'full') continue;
      for (const r of rows.filter((x) => x.case_id === caseId)) writable.set(r.id, { id: r.id, facilityId: r.facility_id, startOn: r.start_on, endOn: r.end_on });
    }
    return writable;
  }

  private async loadInScope(actor: Actor, id: string): Promise<RoundRow> {
    const [row] = await namedRows<RoundRow>(this.dataSource, `${ROUND_SELECT} WHERE r.id = :id`, { id });
    if (!row) throw notFound('facility round');
    this.access.assertOfficeInScope(actor, row.office_id, 'facility round');
    return row;
  }

  private async summaries(actor: Actor, filter: string, params: Record<string, unknown>, order: string, limit: number): Promise<FacilityRoundSummaryView[]> {
    const scope = this.access.caseScopeCondition(actor, 'c');
    const rows = await namedRows<RoundRow & { children_observed: number }>(
      this.dataSource,
      `SELECT r.id, r.facility_id, fa.name AS facility_name, fa.type AS facility_type, r.status, r.planned_on, r.visited_on, r.visitor_ids,
              (SELECT count(*) FROM facility_round_observations o JOIN children_of_concern f ON f.id = o.child_of_concern_id JOIN cases c ON c.id = f.case_id
                WHERE o.round_id = r.id AND ${scope.sql})::int AS children_observed
         FROM facility_rounds r JOIN facilities fa ON fa.id = r.facility_id
        WHERE ${filter}
        ORDER BY ${order} LIMIT :limit`,
      { ...params, ...scope.params, limit },
    );
    const names = await this.userNames(this.dataSource.manager, [...new Set(rows.flatMap((r) => r.visitor_ids))]);
    return rows.map((r) => ({
      id: r.id,
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      facilityType: r.facility_type,
      status: r.status,
      statusLabel: FACILITY_ROUND_STATUS_LABELS[r.status],
      plannedOn: r.planned_on,
      visitedOn: r.visited_on,
      visitors: refs(r.visitor_ids, names),
      childrenObserved: r.children_observed,
    }));
  }

  private async userNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; display_name: string }> = await manager.query(`SELECT id, display_name FROM users WHERE id = ANY ($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}

function refs(ids: string[], names: Map<string, string>): StaffRef[] {
  return ids.map((id) => ({ id, displayName: names.get(id) ?? '' }));
}
