import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { definedFields } from '../../common/http/defined-fields';
import { AccessService } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, FieldError, forbidden, invalidTransition, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { namedRows } from '../../database/named-sql';
import { MeasuresQuery } from '../referrals/dto/referral.dto';
import { createInTransaction } from '../audit/write-audit';
import {
  ATTENDEE_ORGANISATION_KIND_LABELS,
  AttendeeOrganisationKind,
  CASE_CONFERENCE_TYPE_LABELS,
  CaseConferenceType,
  CONFERENCE_ACTION_STATUS_LABELS,
  ConferenceActionStatus,
} from './case-conference.enums';
import { CaseConferenceReminders } from './case-conference.reminders';
import { assertCaseStateAction } from '../cases/case-lifecycle';
import { CaseStatus } from '../cases/entities/case.entity';
import {
  AttendeeDto,
  CancelConferenceActionDto,
  CompleteConferenceActionDto,
  ConferenceActionDto,
  ConferenceCaseDto,
  CreateConferenceDto,
  ListConferenceActionsQuery,
  ListConferencesQuery,
  UpdateConferenceActionDto,
  UpdateConferenceDto,
} from './dto/case-conference.dto';
import { AttendeeView, ConferenceActionView, ConferenceCaseView, ConferenceListItem, ConferenceView } from './dto/case-conference.view';
import { CaseConference, CaseConferenceAction } from './entities/case-conference.entity';

interface ConferenceFacts {
  id: string;
  officeId: string;
  createdBy: string;
}

/**
 * Joint case conferences (個別ケース検討会議, 進行管理会議, 緊急受理会議) of
 * an office: the cases discussed with a decision each, who attended (ward
 * users and outside attendees such as the centre's staff), and follow-up
 * actions whose owners are reminded on the due date.
 */
@Injectable()
export class CaseConferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: CaseConferenceReminders,
  ) {}

  async create(actor: Actor, dto: CreateConferenceDto): Promise<ConferenceView> {
    const id = await createInTransaction(this.dataSource, async (m) => {
      await this.assertCases(m, actor, dto.cases);
      const attendees = await resolveAttendees(m, dto.attendees);
      const repo = m.getRepository(CaseConference);
      const conference = await repo.save(
        repo.create({
          officeId: actor.officeId,
          type: dto.type,
          heldOn: dto.heldOn,
          startTime: dto.startTime ?? null,
          location: dto.location ?? null,
          summary: dto.summary ?? null,
          createdBy: actor.userId,
        }),
      );
      await replaceCases(m, conference.id, dto.cases);
      await replaceAttendees(m, conference.id, attendees);
      const caseIds = dto.cases.map((c) => c.caseId);
      for (const [index, action] of (dto.actions ?? []).entries()) {
        await this.insertAction(m, conference, caseIds, action, `actions[${index}]`);
      }
      return conference.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateConferenceDto): Promise<ConferenceView> {
    await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCaseConferenceAccess(m, actor, id);
      assertOrganiser(actor, facts);
      const conference = await m.getRepository(CaseConference).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!conference) throw notFound('case conference');
      if (conference.version !== dto.version) throw versionConflict();
      const { version: _version, cases, attendees, ...fields } = dto;
      Object.assign(conference, definedFields(fields));
      if (cases !== undefined) {
        const current: Array<{ case_id: string }> = await m.query(`SELECT case_id FROM case_conference_cases WHERE conference_id = $1`, [id]);
        await this.assertCases(m, actor, cases, new Set(current.map((c) => c.case_id)));
        // The list sent is the caller's view of the conference: cases they cannot see (closed to them since, or
        // restricted) were not shown to them, so they stay as they are, after the ones sent.
        const unseen = await this.casesOutOfScope(m, actor, id);
        const kept = new Set([...cases, ...unseen].map((c) => c.caseId));
        const orphaned: Array<{ case_id: string }> = await m.query(
          `SELECT DISTINCT case_id FROM case_conference_actions WHERE conference_id = $1 AND status = 'open' AND case_id IS NOT NULL`,
          [id],
        );
        const dropped = orphaned.filter((a) => !kept.has(a.case_id));
        if (dropped.length) throw businessRule('A case with open follow-up actions cannot be removed from the conference.', [{ field: 'cases', code: 'has_open_actions', message: '未完了の対応があるケースは外せません。' }]);
        await replaceCases(m, id, [...cases, ...unseen]);
      }
      if (attendees !== undefined) await replaceAttendees(m, id, await resolveAttendees(m, attendees));
      conference.updatedAt = new Date();
      await m.save(conference);
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ConferenceView> {
    await this.access.assertCaseConferenceAccess(this.dataSource.manager, actor, id);
    const item = (await this.listQuery(actor).andWhere('f.id = :id', { id }).getRawMany<ListRow>())[0];
    if (!item) throw notFound('case conference');
    const [detail]: Array<{ summary: string | null; created_by: string; version: number; created_at: Date; updated_at: Date }> = await this.dataSource.query(
      `SELECT summary, created_by, version, created_at, updated_at FROM case_conferences WHERE id = $1`,
      [id],
    );
    const scope = this.access.caseScopeCondition(actor, 'c');
    const cases = await this.dataSource
      .createQueryBuilder()
      .from('case_conference_cases', 'cc')
      .innerJoin('cases', 'c', 'c.id = cc.case_id')
      .where('cc.conference_id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .select(['cc.case_id AS case_id', 'c.case_number AS case_number', 'c.label AS case_label', 'cc.decision AS decision'])
      .orderBy('cc.position')
      .getRawMany<{ case_id: string; case_number: string; case_label: string; decision: string | null }>();
    const attendees: Array<{ id: string; organisation_kind: AttendeeOrganisationKind; user_id: string | null; name: string; organisation: string; title: string | null }> = await this.dataSource.query(
      `SELECT id, organisation_kind, user_id, name, organisation, title FROM case_conference_attendees WHERE conference_id = $1 ORDER BY position`,
      [id],
    );
    const actions = await this.actionsQuery(actor).andWhere('a.conference_id = :id', { id }).orderBy('a.due_on').addOrderBy('a.id').getRawMany<ActionRow>();
    return {
      ...toListItem(item),
      summary: detail.summary,
      cases: cases.map((c): ConferenceCaseView => ({ caseId: c.case_id, caseNumber: c.case_number, caseLabel: c.case_label, decision: c.decision })),
      attendees: attendees.map(
        (a): AttendeeView => ({
          id: a.id,
          organisationKind: a.organisation_kind,
          organisationKindLabel: ATTENDEE_ORGANISATION_KIND_LABELS[a.organisation_kind],
          userId: a.user_id,
          name: a.name,
          organisation: a.organisation,
          title: a.title,
        }),
      ),
      actions: actions.map(toActionView),
      createdBy: detail.created_by,
      version: detail.version,
      createdAt: detail.created_at,
      updatedAt: detail.updated_at,
    };
  }

  /** Conferences of the caller's office, most recent first. */
  async list(actor: Actor, query: ListConferencesQuery): Promise<Page<ConferenceListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.listQuery(actor);
    if (query.type) qb.andWhere('f.type = :type', { type: query.type });
    if (query.from) qb.andWhere('f.held_on >= CAST(:from AS date)', { from: query.from });
    if (query.to) qb.andWhere('f.held_on <= CAST(:to AS date)', { to: query.to });
    if (query.caseId) {
      // Only a case the caller may see: the conferences that discussed a hidden case would tell of it.
      const cases = this.access.caseScopeCondition(actor, 'c');
      qb.andWhere(`EXISTS (SELECT 1 FROM case_conference_cases fc JOIN cases c ON c.id = fc.case_id WHERE fc.conference_id = f.id AND fc.case_id = :caseId AND ${cases.sql})`, {
        ...cases.params,
        caseId: query.caseId,
      });
    }
    if (query.centreAttended !== undefined) qb.andWhere(`${CENTRE_ATTENDED} = :centre`, { centre: query.centreAttended });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(f.held_on, f.id) < (CAST(:afterDate AS date), CAST(:afterId AS uuid))', { afterDate: after[0], afterId: after[1] });
    const rows = await qb.orderBy('f.held_on', 'DESC').addOrderBy('f.id', 'DESC').limit(limit + 1).getRawMany<ListRow>();
    const page = toPage(rows, limit, (r) => [r.held_on, r.id]);
    return { items: page.items.map(toListItem), nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  // ---- follow-up actions ----

  /** Follow-up actions across the office's conferences, earliest due first (e.g. `mine=true&status=open`). */
  async listActions(actor: Actor, query: ListConferenceActionsQuery): Promise<Page<ConferenceActionView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.actionsQuery(actor);
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.mine) qb.andWhere('a.owner_id = :me', { me: actor.userId });
    if (query.dueBy) qb.andWhere('a.due_on <= CAST(:dueBy AS date)', { dueBy: query.dueBy });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(a.due_on, a.id) > (CAST(:afterDue AS date), CAST(:afterId AS uuid))', { afterDue: after[0], afterId: after[1] });
    const rows = await qb.orderBy('a.due_on', 'ASC').addOrderBy('a.id', 'ASC').limit(limit + 1).getRawMany<ActionRow>();
    const page = toPage(rows, limit, (r) => [r.due_on, r.id]);
    return { items: page.items.map(toActionView), nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  async addAction(actor: Actor, conferenceId: string, dto: ConferenceActionDto): Promise<ConferenceActionView> {
    const actionId = await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCaseConferenceAccess(m, actor, conferenceId);
      assertOrganiser(actor, facts);
      const caseIds: Array<{ case_id: string }> = await m.query(`SELECT case_id FROM case_conference_cases WHERE conference_id = $1`, [conferenceId]);
      // An action on one of the cases follows that case up: the caller must be able to work on it (the conference
      // may also hold cases hidden from them, whose actions they would write and then not find).
      if (dto.caseId && caseIds.some((c) => c.case_id === dto.caseId)) await this.access.assertCaseAccess(m, actor, dto.caseId, 'write');
      return this.insertAction(m, facts, caseIds.map((c) => c.case_id), dto, '');
    });
    return this.getAction(actor, conferenceId, actionId);
  }

  async updateAction(actor: Actor, conferenceId: string, actionId: string, dto: UpdateConferenceActionDto): Promise<ConferenceActionView> {
    await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCaseConferenceAccess(m, actor, conferenceId);
      const action = await this.lockAction(m, actor, conferenceId, actionId);
      assertOrganiser(actor, facts);
      if (action.status !== ConferenceActionStatus.Open) throw invalidTransition(action.status, 'edit', []);
      if (action.version !== dto.version) throw versionConflict();
      if (dto.ownerId !== undefined) await assertActionOwner(m, facts.officeId, dto.ownerId, 'ownerId');
      const { version: _version, ...fields } = dto;
      Object.assign(action, definedFields(fields));
      await m.save(action);
      await this.reminders.afterActionChange(m, action, facts.officeId);
    });
    return this.getAction(actor, conferenceId, actionId);
  }

  async completeAction(actor: Actor, conferenceId: string, actionId: string, dto: CompleteConferenceActionDto): Promise<ConferenceActionView> {
    return this.endAction(actor, conferenceId, actionId, ConferenceActionStatus.Done, dto.note ?? null);
  }

  async cancelAction(actor: Actor, conferenceId: string, actionId: string, dto: CancelConferenceActionDto): Promise<ConferenceActionView> {
    return this.endAction(actor, conferenceId, actionId, ConferenceActionStatus.Cancelled, dto.reason);
  }

  // ---- measures ----

  /** Conferences held in a fiscal year by type, and how many the centre's staff attended. Counts only. */
  async measures(actor: Actor, query: MeasuresQuery): Promise<ConferenceMeasures> {
    const officeId = hasRole(actor, Role.Liaison) ? (query.officeId ?? null) : actor.officeId;
    const rows: Array<{ type: CaseConferenceType; held: number; centre_attended: number; cases_discussed: number }> = await this.dataSource.query(
      `SELECT t.type,
              count(f.id)::int AS held,
              count(f.id) FILTER (WHERE f.centre_attended)::int AS centre_attended,
              coalesce(sum(f.cases_discussed), 0)::int AS cases_discussed
         FROM unnest(enum_range(NULL::case_conference_type)) AS t(type)
         LEFT JOIN case_conference_measure_facts f ON f.type = t.type AND f.fiscal_year = $1 AND ($2::uuid IS NULL OR f.office_id = $2::uuid)
        GROUP BY t.type ORDER BY t.type`,
      [query.fiscalYear, officeId],
    );
    const byType = rows.map((r) => ({ type: r.type, typeLabel: CASE_CONFERENCE_TYPE_LABELS[r.type], held: r.held, centreAttended: r.centre_attended, casesDiscussed: r.cases_discussed }));
    return {
      fiscalYear: query.fiscalYear,
      officeId,
      held: byType.reduce((n, r) => n + r.held, 0),
      centreAttended: byType.reduce((n, r) => n + r.centreAttended, 0),
      byType,
    };
  }

  // ---- helpers ----

  private async endAction(actor: Actor, conferenceId: string, actionId: string, status: ConferenceActionStatus, note: string | null): Promise<ConferenceActionView> {
    await this.dataSource.transaction(async (m) => {
      const facts = await this.access.assertCaseConferenceAccess(m, actor, conferenceId);
      const action = await this.lockAction(m, actor, conferenceId, actionId);
      const supervisor = hasRole(actor, Role.Supervisor);
      const allowed = status === ConferenceActionStatus.Done ? action.ownerId === actor.userId || supervisor : facts.createdBy === actor.userId || supervisor;
      if (action.status !== ConferenceActionStatus.Open) throw invalidTransition(action.status, status === ConferenceActionStatus.Done ? 'complete' : 'cancel', []);
      if (!allowed) {
        throw forbidden(status === ConferenceActionStatus.Done ? 'Only the owner or a supervisor completes the action.' : 'Only the organiser or a supervisor cancels the action.');
      }
      action.status = status;
      action.completedAt = new Date();
      action.completedBy = actor.userId;
      action.completionNote = note;
      await m.save(action);
      await this.reminders.afterActionChange(m, action, facts.officeId);
    });
    return this.getAction(actor, conferenceId, actionId);
  }

  private async getAction(actor: Actor, conferenceId: string, actionId: string): Promise<ConferenceActionView> {
    const row = (await this.actionsQuery(actor).andWhere('a.id = :actionId AND a.conference_id = :conferenceId', { actionId, conferenceId }).getRawMany<ActionRow>())[0];
    if (!row) throw notFound('conference action');
    return toActionView(row);
  }

  private async lockAction(manager: EntityManager, actor: Actor, conferenceId: string, actionId: string): Promise<CaseConferenceAction> {
    // Visible first (the action's case must be in scope), then locked.
    const visible = await this.actionsQuery(actor, manager).andWhere('a.id = :actionId AND a.conference_id = :conferenceId', { actionId, conferenceId }).getRawMany<ActionRow>();
    if (!visible.length) throw notFound('conference action');
    const action = await manager.getRepository(CaseConferenceAction).findOne({ where: { id: actionId }, lock: { mode: 'pessimistic_write' } });
    if (!action) throw notFound('conference action');
    return action;
  }

  private async insertAction(manager: EntityManager, conference: { id: string; officeId: string }, caseIds: string[], dto: ConferenceActionDto, path: string): Promise<string> {
    const field = (name: string) => (path ? `${path}.${name}` : name);
    if (dto.caseId && !caseIds.includes(dto.caseId)) {
      throw validationFailed([{ field: field('caseId'), code: 'not_discussed', message: 'The action\'s case must be one of the conference\'s cases.' }]);
    }
    await assertActionOwner(manager, conference.officeId, dto.ownerId, field('ownerId'));
    const repo = manager.getRepository(CaseConferenceAction);
    const action = await repo.save(
      repo.create({ conferenceId: conference.id, caseId: dto.caseId ?? null, description: dto.description, ownerId: dto.ownerId, dueOn: dto.dueOn, status: ConferenceActionStatus.Open }),
    );
    await this.reminders.afterActionChange(manager, action, conference.officeId);
    return action.id;
  }

  /** The conference's cases the caller cannot see, with their decisions, in their order (the scope is NULL, not false, for a case without a lead worker). */
  private async casesOutOfScope(manager: EntityManager, actor: Actor, conferenceId: string): Promise<ConferenceCaseDto[]> {
    const scope = this.access.caseScopeCondition(actor, 'c');
    const rows = await namedRows<{ case_id: string; decision: string | null }>(
      manager,
      `SELECT cc.case_id, cc.decision FROM case_conference_cases cc JOIN cases c ON c.id = cc.case_id
        WHERE cc.conference_id = :conferenceId AND (${scope.sql}) IS NOT TRUE ORDER BY cc.position`,
      { ...scope.params, conferenceId },
    );
    return rows.map((r) => ({ caseId: r.case_id, decision: r.decision }));
  }

  /**
   * The cases sent for the conference. A case newly put on it gets a decision
   * on its timeline (and may get follow-up actions): the caller must be able
   * to write to it, and it must be open — a case another office shares for
   * reading, or a closed one, gets nothing from this office's meetings. A
   * case already on the conference stays editable as long as it can be read
   * (its decision is this conference's record).
   */
  private async assertCases(manager: EntityManager, actor: Actor, cases: ConferenceCaseDto[], alreadyOn: ReadonlySet<string> = new Set()): Promise<void> {
    const ids = cases.map((c) => c.caseId);
    const duplicates = ids.filter((caseId, i) => ids.indexOf(caseId) !== i);
    if (duplicates.length) throw validationFailed([{ field: 'cases', code: 'duplicate_case', message: 'A case is listed twice.' }]);
    for (const caseId of ids) {
      if (alreadyOn.has(caseId)) {
        await this.access.assertCaseAccess(manager, actor, caseId, 'read');
        continue;
      }
      const facts = await this.access.assertCaseAccess(manager, actor, caseId, 'write');
      assertCaseStateAction(facts.status as CaseStatus, 'edit');
    }
  }

  /** Conferences in scope with their counts; the case and open-action counts only count cases the caller may see. */
  private listQuery(actor: Actor): SelectQueryBuilder<Record<string, unknown>> {
    const scope = this.access.caseConferenceScopeCondition(actor, 'f');
    const cases = this.access.caseScopeCondition(actor, 'c');
    return this.dataSource
      .createQueryBuilder()
      .from('case_conferences', 'f')
      .where(scope.sql, scope.params)
      .setParameters(cases.params)
      .select([
        'f.id AS id',
        'f.office_id AS office_id',
        'f.type AS type',
        'f.held_on AS held_on',
        'f.start_time AS start_time',
        'f.location AS location',
        `(SELECT count(*) FROM case_conference_cases cc JOIN cases c ON c.id = cc.case_id WHERE cc.conference_id = f.id AND ${cases.sql})::int AS case_count`,
        '(SELECT count(*) FROM case_conference_attendees at WHERE at.conference_id = f.id)::int AS attendee_count',
        `${CENTRE_ATTENDED} AS centre_attended`,
        `(SELECT count(*) FROM case_conference_actions ac LEFT JOIN cases c ON c.id = ac.case_id
           WHERE ac.conference_id = f.id AND ac.status = 'open' AND (ac.case_id IS NULL OR ${cases.sql}))::int AS open_action_count`,
      ]);
  }

  /** Actions of conferences in scope whose case (if any) the caller may see. */
  private actionsQuery(actor: Actor, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<Record<string, unknown>> {
    const scope = this.access.caseConferenceScopeCondition(actor, 'f');
    const cases = this.access.caseScopeCondition(actor, 'c');
    return manager
      .createQueryBuilder()
      .from('case_conference_actions', 'a')
      .innerJoin('case_conferences', 'f', 'f.id = a.conference_id')
      .innerJoin('users', 'u', 'u.id = a.owner_id')
      .leftJoin('cases', 'c', 'c.id = a.case_id')
      .where(scope.sql, scope.params)
      .andWhere(`(a.case_id IS NULL OR ${cases.sql})`, cases.params)
      .select([
        'a.id AS id',
        'a.conference_id AS conference_id',
        'f.type AS conference_type',
        'f.held_on AS conference_held_on',
        'a.case_id AS case_id',
        'c.case_number AS case_number',
        'a.description AS description',
        'a.owner_id AS owner_id',
        'u.display_name AS owner_name',
        'a.due_on AS due_on',
        'a.status AS status',
        'a.completed_at AS completed_at',
        'a.completion_note AS completion_note',
        'a.version AS version',
      ]);
  }
}

const CENTRE_ATTENDED = `EXISTS (SELECT 1 FROM case_conference_attendees ca WHERE ca.conference_id = f.id AND ca.organisation_kind = 'child_guidance_centre')`;

export interface ConferenceMeasures {
  fiscalYear: number;
  officeId: string | null;
  held: number;
  centreAttended: number;
  byType: Array<{ type: CaseConferenceType; typeLabel: string; held: number; centreAttended: number; casesDiscussed: number }>;
}

interface ListRow {
  id: string;
  office_id: string;
  type: CaseConferenceType;
  held_on: string;
  start_time: string | null;
  location: string | null;
  case_count: number;
  attendee_count: number;
  centre_attended: boolean;
  open_action_count: number;
}

interface ActionRow {
  id: string;
  conference_id: string;
  conference_type: CaseConferenceType;
  conference_held_on: string;
  case_id: string | null;
  case_number: string | null;
  description: string;
  owner_id: string;
  owner_name: string;
  due_on: string;
  status: ConferenceActionStatus;
  completed_at: Date | null;
  completion_note: string | null;
  version: number;
}

interface ResolvedAttendee {
  userId: string | null;
  name: string;
  organisation: string;
  organisationKind: AttendeeOrganisationKind;
  title: string | null;
}

/** The organiser (who recorded the conference) or a supervisor of the office changes it. */
function assertOrganiser(actor: Actor, facts: ConferenceFacts): void {
  if (facts.createdBy !== actor.userId && !hasRole(actor, Role.Supervisor)) throw forbidden('Only the organiser or a supervisor of the office changes the conference.');
}

/** Owners are casework staff of the office: the reminder reaches them and they can see the action. */
async function assertActionOwner(manager: EntityManager, officeId: string, ownerId: string, field: string): Promise<void> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM users WHERE id = $1 AND office_id = $2 AND active AND roles && ARRAY['consultant', 'supervisor']::user_role[]`,
    [ownerId, officeId],
  );
  if (!rows.length) throw validationFailed([{ field, code: 'not_office_staff', message: 'The owner must be an active consultant or supervisor of the office.' }]);
}

async function resolveAttendees(manager: EntityManager, attendees: AttendeeDto[]): Promise<ResolvedAttendee[]> {
  const errors: FieldError[] = [];
  const resolved: ResolvedAttendee[] = [];
  const seenUsers = new Set<string>();
  for (const [i, a] of attendees.entries()) {
    if (a.organisationKind === AttendeeOrganisationKind.WardOffice) {
      if (!a.userId || a.name !== undefined || a.organisation !== undefined) {
        errors.push({ field: `attendees[${i}]`, code: 'ward_attendee_is_a_user', message: 'Ward attendees are given by userId only.' });
        continue;
      }
      if (seenUsers.has(a.userId)) {
        errors.push({ field: `attendees[${i}].userId`, code: 'duplicate_attendee', message: 'This user is listed twice.' });
        continue;
      }
      seenUsers.add(a.userId);
      const [user]: Array<{ display_name: string; office_name: string } | undefined> = await manager.query(
        `SELECT u.display_name, o.name AS office_name FROM users u JOIN offices o ON o.id = u.office_id WHERE u.id = $1 AND u.active`,
        [a.userId],
      );
      if (!user) errors.push({ field: `attendees[${i}].userId`, code: 'unknown_user', message: 'No such active user.' });
      else resolved.push({ userId: a.userId, name: user.display_name, organisation: user.office_name, organisationKind: a.organisationKind, title: a.title ?? null });
    } else {
      if (a.userId !== undefined || !a.name || !a.organisation) {
        errors.push({ field: `attendees[${i}]`, code: 'external_attendee_by_name', message: 'Outside attendees are given by name and organisation.' });
        continue;
      }
      resolved.push({ userId: null, name: a.name, organisation: a.organisation, organisationKind: a.organisationKind, title: a.title ?? null });
    }
  }
  if (errors.length) throw validationFailed(errors);
  return resolved;
}

async function replaceCases(manager: EntityManager, conferenceId: string, cases: ConferenceCaseDto[]): Promise<void> {
  await manager.query(`DELETE FROM case_conference_cases WHERE conference_id = $1`, [conferenceId]);
  for (const [position, c] of cases.entries()) {
    await manager.query(`INSERT INTO case_conference_cases (conference_id, case_id, position, decision) VALUES ($1, $2, $3, $4)`, [conferenceId, c.caseId, position, c.decision ?? null]);
  }
}

async function replaceAttendees(manager: EntityManager, conferenceId: string, attendees: ResolvedAttendee[]): Promise<void> {
  await manager.query(`DELETE FROM case_conference_attendees WHERE conference_id = $1`, [conferenceId]);
  for (const [position, a] of attendees.entries()) {
    await manager.query(
      `INSERT INTO case_conference_attendees (conference_id, position, user_id, name, organisation, organisation_kind, title) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [conferenceId, position, a.userId, a.name, a.organisation, a.organisationKind, a.title],
    );
  }
}

function toListItem(row: ListRow): ConferenceListItem {
  return {
    id: row.id,
    officeId: row.office_id,
    type: row.type,
    typeLabel: CASE_CONFERENCE_TYPE_LABELS[row.type],
    heldOn: row.held_on,
    startTime: row.start_time,
    location: row.location,
    caseCount: row.case_count,
    attendeeCount: row.attendee_count,
    centreAttended: row.centre_attended,
    openActionCount: row.open_action_count,
  };
}

function toActionView(row: ActionRow): ConferenceActionView {
  return {
    id: row.id,
    conferenceId: row.conference_id,
    conferenceType: row.conference_type,
    conferenceHeldOn: row.conference_held_on,
    caseId: row.case_id,
    caseNumber: row.case_number,
    description: row.description,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    overdue: row.status === ConferenceActionStatus.Open && row.due_on < todayInJapan(),
    status: row.status,
    statusLabel: CONFERENCE_ACTION_STATUS_LABELS[row.status],
    completedAt: row.completed_at,
    completionNote: row.completion_note,
    version: row.version,
  };
}
