import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AccessService, CaseAccessFacts, caseAccessSql, CaseAccessRow } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, forbidden, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { japanDateOf } from '../../common/time/japan-time';
import { definedFields } from '../../common/http/defined-fields';
import { entityFromJson } from '../../database/entity-from-json';
import { namedRows } from '../../database/named-sql';
import { sqlRows } from '../../database/sql';
import { CaseworkStaffRow, caseworkStaffSql, checkCaseworkStaff } from '../users/casework-staff';
import { noteCreatedRecord } from '../audit/write-audit';
import { CreateWatchVisitDto, ListWatchVisitsQuery, PersonRef, UpdateWatchVisitDto, WatchVisitSummaryView, WatchVisitView } from './dto/watch-visit.dto';
import { WatchVisitPlan, WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';
import {
  CHILD_CONDITION_LABELS,
  ChildCondition,
  RISK_CHANGE_LABELS,
  RiskChange,
  VISIT_NOT_DONE_REASON_LABELS,
  VISIT_OUTCOME_LABELS,
  VisitNotDoneReason,
  VisitOutcome,
  WATCH_VISIT_ALERT_LABELS,
  WatchVisit,
  WatchVisitAlert,
  WatchVisitChild,
} from './entities/watch-visit.entity';
import { PlanDueScheduler, PlanVisitFacts, planVisitFactsSql } from './plan-due.scheduler';
import { decideVisitAlerts } from './visit-alerts';
import { checkVisitRecord } from './visit-record.rules';
import { WatchVisitReminders } from './watch-visit-reminders';

/** A visit typed in a few minutes ahead of the server clock is still "now". */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

interface VisitRow {
  id: string;
  case_id: string;
  plan_id: string | null;
  visited_at: Date;
  visited_on: string;
  due_on: string | null;
  visitor_ids: string[];
  accompanied_by: string | null;
  outcome: VisitOutcome;
  not_done_reason: VisitNotDoneReason | null;
  not_done_note: string | null;
  home_environment: string | null;
  guardian_state: string | null;
  concerns: string | null;
  risk_change: RiskChange | null;
  next_visit_on: string | null;
  notes: string | null;
  alerts: WatchVisitAlert[];
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  case_number: string;
  case_label: string;
}

/**
 * The read that opens a visit's transaction: the case's access facts (its row
 * locked against deletion), its open plan locked for the update, the family's
 * children and the named visitors ($1 the case, $2 the caller, $3 the
 * caller's office, $4 the visitors' ids). The texts of a write's statements are built
 * once: the statement cache finds each by its text, and a text made afresh on
 * every request would be hashed and compared in full on every lookup.
 */
const OPEN_FOR_VISIT_SQL = `WITH c AS MATERIALIZED (${caseAccessSql({ lock: 'key share' })})
   SELECT c.*,
          CASE WHEN p.id IS NULL THEN NULL ELSE to_json(p) END AS plan,
          (SELECT coalesce(json_agg(json_build_object('person_id', m.person_id, 'name_kanji', fp.name_kanji, 'name_kana', fp.name_kana)
                                    ORDER BY fp.birth_date NULLS LAST, fp.id), '[]')
             FROM case_members m JOIN persons fp ON fp.id = m.person_id
            WHERE m.case_id = c.id AND fp.kind = 'child') AS family,
          (SELECT coalesce(json_agg(s), '[]') FROM (${caseworkStaffSql('$4::uuid[]')}) AS s) AS visitors
     FROM c LEFT JOIN LATERAL (SELECT * FROM watch_visit_plans p WHERE p.case_id = c.id AND p.status <> 'ended' FOR UPDATE) AS p ON true`;

/**
 * Inserts the visit and its child rows, and answers the plan's visit facts
 * with the new visit counted, all in one statement (the facts read the
 * plan's earlier visits plus the row being inserted, which the statement
 * itself cannot see in the table).
 */
const INSERT_VISIT_SQL = `WITH visit AS (
     INSERT INTO watch_visits (case_id, plan_id, visited_at, visited_on, due_on, visitor_ids, accompanied_by, outcome, not_done_reason, not_done_note,
                               home_environment, guardian_state, concerns, risk_change, next_visit_on, notes, alerts, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     RETURNING id, version, created_at, updated_at, visited_at, visited_on, outcome, next_visit_on
   ), children AS (
     INSERT INTO watch_visit_children (visit_id, person_id, seen, condition, note)
     SELECT visit.id, c.person_id, c.seen, c.condition, c.note
       FROM visit, unnest($19::uuid[], $20::boolean[], $21::child_condition[], $22::text[]) AS c (person_id, seen, condition, note)
   )
   SELECT visit.id, visit.version, visit.created_at, visit.updated_at, facts.*
     FROM visit, (${planVisitFactsSql('$2::uuid', 'visit')}) AS facts`;

const VISIT_SELECT = `
  SELECT v.id, v.case_id, v.plan_id, v.visited_at, v.visited_on, v.due_on, v.visitor_ids, v.accompanied_by, v.outcome,
         v.not_done_reason, v.not_done_note, v.home_environment, v.guardian_state, v.concerns, v.risk_change,
         v.next_visit_on, v.notes, v.alerts::text[] AS alerts, v.version, v.created_by, v.created_at, v.updated_at,
         c.case_number, c.label AS case_label
    FROM watch_visits v JOIN cases c ON c.id = v.case_id`;

/**
 * 見守り訪問の記録. Recording a visit, in one transaction: the record and
 * one row per child of the family, the alerts to the supervisors (a child not
 * seen twice in a row, a higher risk), and the plan's next due date and
 * reminder moved.
 */
@Injectable()
export class WatchVisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly scheduler: PlanDueScheduler,
    private readonly reminders: WatchVisitReminders,
  ) {}

  async record(actor: Actor, dto: CreateWatchVisitDto): Promise<WatchVisitView> {
    const visitedAt = new Date(dto.visitedAt);
    if (visitedAt.getTime() > Date.now() + CLOCK_SLACK_MS) {
      throw validationFailed([{ field: 'visitedAt', code: 'in_future', message: '訪問日時に未来の日時は指定できません。' }]);
    }
    const visitedOn = japanDateOf(visitedAt);
    return this.dataSource.transaction(async (manager) => {
      const { facts, plan, family, visitors } = await this.openForVisit(manager, actor, dto.caseId, dto.visitorIds);
      if (facts.status === 'closed') throw businessRule('The case is closed: visits are no longer recorded on it.');
      const errors = checkVisitRecord(
        dto,
        family.map((c) => c.person_id),
        visitedOn,
      );
      if (errors.length > 0) throw validationFailed(errors);
      const visitorNames = checkCaseworkStaff(visitors, dto.visitorIds, { field: 'visitorIds' });

      const children = (
        dto.outcome === VisitOutcome.Done
          ? (dto.children ?? []).map((c) => ({ personId: c.personId, seen: c.seen, condition: c.seen ? (c.condition ?? null) : null, note: c.note ?? null }))
          : family.map((c) => ({ personId: c.person_id, seen: false, condition: null, note: null }))
      ) satisfies Array<Omit<WatchVisitChild, 'visitId'>>;
      // Only a child not seen now can be "not seen twice": when every child was seen, the previous visit does not
      // matter. Otherwise it is read after the plan's lock, by a statement of its own: a statement that waited for the
      // lock still sees the data as it was when it started, without the visit of the transaction it waited for.
      const previous = children.some((c) => !c.seen) ? await this.previousSightings(manager, dto.caseId, visitedAt) : new Map<string, boolean>();
      const decision = decideVisitAlerts({ riskChange: dto.riskChange ?? null, children, previous });

      const visit = {
        case_id: dto.caseId,
        plan_id: plan?.id ?? null,
        visited_at: visitedAt,
        visited_on: visitedOn,
        due_on: plan?.nextDueOn ?? null,
        visitor_ids: dto.visitorIds,
        accompanied_by: dto.accompaniedBy ?? null,
        outcome: dto.outcome,
        not_done_reason: dto.notDoneReason ?? null,
        not_done_note: dto.notDoneNote ?? null,
        home_environment: dto.homeEnvironment ?? null,
        guardian_state: dto.guardianState ?? null,
        concerns: dto.concerns ?? null,
        risk_change: dto.riskChange ?? null,
        next_visit_on: dto.nextVisitOn ?? null,
        notes: dto.notes ?? null,
        alerts: decision.alerts,
        created_by: actor.userId,
      };
      const [written] = await this.insertVisit(manager, visit, children);
      noteCreatedRecord(written.id);
      if (plan) await this.scheduler.apply(manager, plan, facts.officeId, written);
      await this.reminders.visitAlerts(manager, written.id, facts.officeId, decision.alerts);

      // The answer is made from what this transaction wrote and read, in the order get() reads it back (the family's
      // children by birth date): reading the record again would cost as much as writing it.
      const recorded = new Map(children.map((c) => [c.personId, c]));
      const childRows = family.flatMap((person) => {
        const child = recorded.get(person.person_id);
        return child ? [{ ...person, seen: child.seen, condition: child.condition, note: child.note }] : [];
      });
      return toView(
        { ...visit, id: written.id, version: written.version, created_at: written.created_at, updated_at: written.updated_at, case_number: facts.caseNumber, case_label: facts.label },
        childRows,
        visitorNames,
      );
    });
  }

  async get(actor: Actor, id: string): Promise<WatchVisitView> {
    const manager = this.dataSource.manager;
    const [row] = await sqlRows<VisitRow>(manager, `${VISIT_SELECT} WHERE v.id = $1`, [id]);
    if (!row) throw notFound('watch visit');
    await this.access.assertCaseAccess(manager, actor, row.case_id, 'read', { notFoundAs: 'watch visit' });
    const children = await sqlRows<VisitChildRow>(
      manager,
      `SELECT vc.person_id, p.name_kanji, p.name_kana, vc.seen, vc.condition, vc.note
         FROM watch_visit_children vc JOIN persons p ON p.id = vc.person_id
        WHERE vc.visit_id = $1 ORDER BY p.birth_date NULLS LAST, p.id`,
      [id],
    );
    const names = await this.userNames(manager, row.visitor_ids);
    return toView(row, children, names);
  }

  async list(actor: Actor, query: ListWatchVisitsQuery): Promise<Page<WatchVisitSummaryView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.caseScopeCondition(actor, 'c');
    const where = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params };
    if (query.caseId) (where.push('v.case_id = :caseId'), (params.caseId = query.caseId));
    if (query.planId) (where.push('v.plan_id = :planId'), (params.planId = query.planId));
    if (query.visitorId) (where.push('v.visitor_ids @> ARRAY[:visitorId::uuid]'), (params.visitorId = query.visitorId));
    if (query.from) (where.push('v.visited_on >= :fromDay'), (params.fromDay = query.from));
    if (query.to) (where.push('v.visited_on <= :toDay'), (params.toDay = query.to));
    if (query.outcome) (where.push('v.outcome = :outcome'), (params.outcome = query.outcome));
    if (query.riskChange) (where.push('v.risk_change = :riskChange'), (params.riskChange = query.riskChange));
    if (query.alerted !== undefined) where.push(query.alerted ? 'cardinality(v.alerts) > 0' : 'cardinality(v.alerts) = 0');
    const filter = where.join(' AND ');
    // Counting every visit of an office costs as much as reading them all: the total comes with the narrowing filters only.
    const countable = Boolean(query.caseId || query.planId || query.visitorId || query.from);
    const total = countable
      ? (await namedRows<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total FROM watch_visits v JOIN cases c ON c.id = v.case_id WHERE ${filter}`, params))[0].total
      : undefined;
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ` AND (v.visited_at, v.id) < (:afterAt::timestamptz, :afterId::uuid)` : '';
    const rows = await namedRows<VisitRow & { visited_key: string; children_seen: number; children_total: number }>(
      this.dataSource,
      `SELECT v.id, v.case_id, v.plan_id, v.visited_at, v.visited_at::text AS visited_key, v.visited_on, v.outcome, v.not_done_reason, v.risk_change, v.alerts::text[] AS alerts, v.visitor_ids,
              c.case_number, c.label AS case_label,
              seen.children_seen, seen.children_total
         FROM watch_visits v JOIN cases c ON c.id = v.case_id
         CROSS JOIN LATERAL (SELECT (count(*) FILTER (WHERE vc.seen))::int AS children_seen, count(*)::int AS children_total
                               FROM watch_visit_children vc WHERE vc.visit_id = v.id) seen
        WHERE ${filter}${keyset}
        ORDER BY v.visited_at DESC, v.id DESC LIMIT :limit`,
      { ...params, afterAt: after?.[0], afterId: after?.[1], limit: limit + 1 },
    );
    const names = await this.userNames(this.dataSource.manager, [...new Set(rows.flatMap((r) => r.visitor_ids))]);
    const items = rows.map(
      (r): WatchVisitSummaryView => ({
        id: r.id,
        caseId: r.case_id,
        caseNumber: r.case_number,
        caseLabel: r.case_label,
        planId: r.plan_id,
        visitedAt: r.visited_at,
        visitedOn: r.visited_on,
        outcome: r.outcome,
        outcomeLabel: VISIT_OUTCOME_LABELS[r.outcome],
        notDoneReason: r.not_done_reason,
        riskChange: r.risk_change,
        childrenSeen: r.children_seen,
        childrenTotal: r.children_total,
        alerts: r.alerts,
        visitors: refs(r.visitor_ids, names),
      }),
    );
    // The cursor carries visited_at as PostgreSQL's text: a JS Date would drop microseconds (visits imported or
    // migrated in SQL have them) and the next page would skip or repeat the visits of that millisecond.
    const keys = new Map(rows.map((r) => [r.id, r.visited_key]));
    const page = toPage(items, limit, (v) => [keys.get(v.id) as string, v.id]);
    return total === undefined ? page : { ...page, total };
  }

  /**
   * Corrects the words of a record, or the next visit date (which reschedules
   * the plan). The facts that raised alerts (outcome, children seen, risk) are
   * not rewritten: a new visit is recorded instead.
   */
  async update(actor: Actor, id: string, dto: UpdateWatchVisitDto): Promise<WatchVisitView> {
    await this.dataSource.transaction(async (manager) => {
      const visit = await manager.getRepository(WatchVisit).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!visit) throw notFound('watch visit');
      const facts = await this.access.assertCaseAccess(manager, actor, visit.caseId, 'write', { notFoundAs: 'watch visit' });
      const author = visit.createdBy === actor.userId || visit.visitorIds.includes(actor.userId);
      if (!author && !hasRole(actor, Role.Supervisor)) throw forbidden('Only the visitors, the author or a supervisor may correct a visit record.');
      if (visit.version !== dto.version) throw versionConflict();
      const { version: _version, nextVisitOn, ...text } = definedFields(dto);
      Object.assign(visit, text);
      const rescheduled = nextVisitOn !== undefined && nextVisitOn !== visit.nextVisitOn;
      if (rescheduled) {
        if (nextVisitOn !== null && nextVisitOn <= visit.visitedOn) {
          throw validationFailed([{ field: 'nextVisitOn', code: 'not_after_visit', message: '次回訪問日は訪問日より後の日付にしてください。' }]);
        }
        visit.nextVisitOn = nextVisitOn;
      }
      if (visit.outcome === VisitOutcome.NotDone && visit.notDoneReason === VisitNotDoneReason.Other && !visit.notDoneNote) {
        throw validationFailed([{ field: 'notDoneNote', code: 'required_for_other', message: '「その他」の場合は理由を記入してください。' }]);
      }
      await manager.save(visit);
      if (rescheduled && visit.planId) {
        const plan = await manager.getRepository(WatchVisitPlan).findOne({ where: { id: visit.planId, status: notEnded() }, lock: { mode: 'pessimistic_write' } });
        if (plan) await this.scheduler.refresh(manager, plan, facts.officeId);
      }
    });
    return this.get(actor, id);
  }

  /** Runs INSERT_VISIT_SQL. */
  private insertVisit(
    manager: EntityManager,
    visit: Omit<VisitRow, 'id' | 'version' | 'created_at' | 'updated_at' | 'case_number' | 'case_label'>,
    children: Array<Omit<WatchVisitChild, 'visitId'>>,
  ): Promise<Array<PlanVisitFacts & { id: string; version: number; created_at: Date; updated_at: Date }>> {
    return sqlRows(
      manager,
      INSERT_VISIT_SQL,
      [
        visit.case_id,
        visit.plan_id,
        visit.visited_at,
        visit.visited_on,
        visit.due_on,
        visit.visitor_ids,
        visit.accompanied_by,
        visit.outcome,
        visit.not_done_reason,
        visit.not_done_note,
        visit.home_environment,
        visit.guardian_state,
        visit.concerns,
        visit.risk_change,
        visit.next_visit_on,
        visit.notes,
        visit.alerts,
        visit.created_by,
        children.map((c) => c.personId),
        children.map((c) => c.seen),
        children.map((c) => c.condition),
        children.map((c) => c.note),
      ],
    );
  }

  /**
   * Everything recording a visit reads before it writes, in one statement:
   * the case's access facts with the case locked (KEY SHARE, what inserting
   * the visit takes anyway), then its plan in force locked for update, the
   * children of the family by birth date, and which of the named visitors
   * are casework staff. The plan's lateral sub-select runs on the locked case
   * row, so the locks are taken in the order every writer of a case and its
   * plan takes them — the case, then the plan — and recording a visit cannot
   * deadlock with closing or transferring the case. Two visits recorded at
   * once re-derive the plan's due date one after the other.
   */
  private async openForVisit(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
    visitorIds: string[],
  ): Promise<{ facts: CaseAccessFacts; plan: WatchVisitPlan | null; family: FamilyChild[]; visitors: CaseworkStaffRow[] }> {
    const [row] = await sqlRows<CaseAccessRow & { plan: Record<string, unknown> | null; family: FamilyChild[]; visitors: CaseworkStaffRow[] }>(
      manager,
      OPEN_FOR_VISIT_SQL,
      [caseId, actor.userId, actor.officeId, visitorIds],
    );
    const facts = this.access.assertCaseAccessOf(this.access.caseAccessOf(actor, caseId, row), 'write');
    return { facts, plan: row.plan ? entityFromJson(manager, WatchVisitPlan, row.plan) : null, family: row.family, visitors: row.visitors };
  }

  /** Who was seen at the family's visit just before this one (by visit time, so a late entry lands in its place). */
  private async previousSightings(manager: EntityManager, caseId: string, before: Date): Promise<Map<string, boolean>> {
    const rows = await sqlRows<{ person_id: string; seen: boolean }>(
      manager,
      `SELECT vc.person_id, vc.seen FROM watch_visit_children vc
        WHERE vc.visit_id = (SELECT v.id FROM watch_visits v WHERE v.case_id = $1 AND v.visited_at < $2 ORDER BY v.visited_at DESC, v.id DESC LIMIT 1)`,
      [caseId, before],
    );
    return new Map(rows.map((r) => [r.person_id, r.seen]));
  }

  private async userNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await sqlRows<{ id: string; display_name: string }>(manager, `SELECT id, display_name FROM users WHERE id = ANY ($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}

/** A child of the family, in birth-date order, as recording a visit reads it. */
type FamilyChild = Pick<VisitChildRow, 'person_id' | 'name_kanji' | 'name_kana'>;

/** A child of the family as get() reads it: who, in birth-date order, and what the visit noted. */
interface VisitChildRow {
  person_id: string;
  name_kanji: string;
  name_kana: string;
  seen: boolean;
  condition: ChildCondition | null;
  note: string | null;
}

function toView(row: VisitRow, children: VisitChildRow[], names: Map<string, string>): WatchVisitView {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseLabel: row.case_label,
    planId: row.plan_id,
    visitedAt: row.visited_at,
    visitedOn: row.visited_on,
    dueOn: row.due_on,
    visitors: refs(row.visitor_ids, names),
    accompaniedBy: row.accompanied_by,
    outcome: row.outcome,
    outcomeLabel: VISIT_OUTCOME_LABELS[row.outcome],
    notDoneReason: row.not_done_reason,
    notDoneReasonLabel: row.not_done_reason ? VISIT_NOT_DONE_REASON_LABELS[row.not_done_reason] : null,
    notDoneNote: row.not_done_note,
    children: children.map((c) => ({
      personId: c.person_id,
      nameKanji: c.name_kanji,
      nameKana: c.name_kana,
      seen: c.seen,
      condition: c.condition,
      conditionLabel: c.condition ? CHILD_CONDITION_LABELS[c.condition] : null,
      note: c.note,
    })),
    homeEnvironment: row.home_environment,
    guardianState: row.guardian_state,
    concerns: row.concerns,
    riskChange: row.risk_change,
    riskChangeLabel: row.risk_change ? RISK_CHANGE_LABELS[row.risk_change] : null,
    nextVisitOn: row.next_visit_on,
    notes: row.notes,
    alerts: row.alerts,
    alertLabels: row.alerts.map((a) => WATCH_VISIT_ALERT_LABELS[a]),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function refs(ids: string[], names: Map<string, string>): PersonRef[] {
  return ids.map((id) => ({ id, displayName: names.get(id) ?? '' }));
}

function notEnded() {
  return Not(WatchVisitPlanStatus.Ended);
}
