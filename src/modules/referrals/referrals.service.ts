import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { definedFields } from '../../common/http/defined-fields';
import { AccessService } from '../../common/access/access.service';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, FieldError, forbidden, notFound, versionConflict } from '../../common/problem/problem';
import { daysBetween, japanDateOf, todayInJapan } from '../../common/time/japan-time';
import { workingDaysBetween } from '../../common/time/working-days';
import { MEMBER_RELATIONSHIP_LABELS, MemberRelationship } from '../cases/entities/case-member.entity';
import { CaseStatus } from '../cases/entities/case.entity';
import { Sex, SEX_LABELS } from '../persons/person.entity';
import { createInTransaction } from '../audit/write-audit';
import {
  AcceptReferralDto,
  CloseReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  ListReferralsQuery,
  MeasuresQuery,
  ReasonDto,
  ReferralCommentDto,
  ReturnReferralDto,
  SendReferralDto,
  UpdateReferralDto,
} from './dto/referral.dto';
import { ReferralCommentView, ReferralEventView, ReferralListItem, ReferralPersonView, ReferralView, ReviewQueueItem } from './dto/referral.view';
import { Referral } from './entities/referral.entity';
import { referralActionRefusal } from './referral-action-rules';
import { refreshReferralPersons, replaceReferralPersons } from './referral-persons';
import { REVIEW_WORKING_DAYS } from './referral-reminder-times';
import { ReferralReminders } from './referral.reminders';
import { ReferralStateMachine } from './referral-state-machine';
import {
  DEFAULT_CENTRE_NAME,
  REFERRAL_ACTION_LABELS,
  REFERRAL_COMMENT_KIND_LABELS,
  REFERRAL_LEGAL_BASIS_LABELS,
  REFERRAL_REQUESTED_MEASURE_LABELS,
  REFERRAL_SEND_METHOD_LABELS,
  REFERRAL_STATE_LABELS,
  REFERRAL_URGENCY_LABELS,
  ReferralAction,
  ReferralCommentKind,
  ReferralPersonRole,
  ReferralState,
  ReferralUrgency,
  URGENT_GRADES,
} from './referral.enums';

type TransitionInput =
  | { action: ReferralAction.Submit; body: ReferralCommentDto }
  | { action: ReferralAction.Approve; body: ReferralCommentDto }
  | { action: ReferralAction.Return; body: ReturnReferralDto }
  | { action: ReferralAction.Revise; body: ReferralCommentDto }
  | { action: ReferralAction.Send; body: SendReferralDto }
  | { action: ReferralAction.Accept; body: AcceptReferralDto }
  | { action: ReferralAction.Decline; body: DeclineReferralDto }
  | { action: ReferralAction.Close; body: CloseReferralDto }
  | { action: ReferralAction.Withdraw; body: ReasonDto };

interface ListRow {
  id: string;
  case_id: string;
  case_number: string;
  office_id: string;
  office_name: string;
  author_id: string;
  author_name: string;
  state: ReferralState;
  urgency: ReferralUrgency;
  child_names: string[] | null;
  submitted_at: Date | null;
  submitted_key: string | null;
  submission_count: number;
  sent_on: string | null;
  created_at: Date;
  created_key: string;
}

const LIST_COLUMNS = `
  r.id, r.case_id, c.case_number, r.office_id, o.name AS office_name, r.author_id, u.display_name AS author_name,
  r.state, r.urgency, r.submitted_at, r.submitted_at::text AS submitted_key, r.submission_count, r.sent_on,
  r.created_at, r.created_at::text AS created_key,
  (SELECT array_agg(rp.name_kanji ORDER BY rp.position) FROM referral_persons rp WHERE rp.referral_id = r.id AND rp.role = 'child') AS child_names`;

@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly reminders: ReferralReminders,
  ) {}

  // ---- drafting ----

  async create(actor: Actor, dto: CreateReferralDto): Promise<ReferralView> {
    const id = await createInTransaction(this.dataSource, async (m) => {
      const kase = await this.access.assertCaseAccess(m, actor, dto.caseId, 'write');
      if (kase.status === CaseStatus.Closed) throw businessRule('The case is closed: reopen it before drafting a referral.');
      const repo = m.getRepository(Referral);
      const referral = await repo.save(
        repo.create({
          caseId: dto.caseId,
          officeId: kase.officeId,
          authorId: actor.userId,
          state: ReferralState.Draft,
          urgency: dto.urgency,
          legalBasis: dto.legalBasis ?? null,
          requestedMeasures: dto.requestedMeasures ?? [],
          reason: dto.reason ?? null,
          supportHistory: dto.supportHistory ?? null,
          riskSummary: dto.riskSummary ?? null,
          latestAssessment: dto.latestAssessment ?? null,
          latestAssessmentOn: dto.latestAssessmentOn ?? null,
          requestDetails: dto.requestDetails ?? null,
          attachments: dto.attachments ?? [],
        }),
      );
      await replaceReferralPersons(m, referral.id, dto.caseId, dto.childIds ?? [], dto.guardianIds ?? []);
      await recordEvent(m, referral.id, 'create', null, ReferralState.Draft, actor.userId, null);
      return referral.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateReferralDto): Promise<ReferralView> {
    await this.dataSource.transaction(async (m) => {
      await this.access.assertReferralAccess(m, actor, id, 'write');
      const referral = await this.lock(m, id);
      ReferralStateMachine.assertEditable(referral.state);
      const refusal = referralActionRefusal(actor, referral, 'edit');
      if (refusal) throw forbidden(refusal);
      if (referral.version !== dto.version) throw versionConflict();
      const { version: _version, childIds, guardianIds, attachments, ...fields } = dto;
      Object.assign(referral, definedFields(fields));
      if (attachments !== undefined) referral.attachments = attachments;
      if (childIds !== undefined || guardianIds !== undefined) {
        const current = await this.personIds(m, id);
        await replaceReferralPersons(m, id, referral.caseId, childIds ?? current.children, guardianIds ?? current.guardians);
      }
      // Saved even when only the persons changed, so the version moves.
      referral.updatedAt = new Date();
      await m.save(referral);
    });
    return this.get(actor, id);
  }

  // ---- state changes ----

  async transition(actor: Actor, id: string, input: TransitionInput): Promise<ReferralView> {
    await this.dataSource.transaction(async (m) => {
      await this.access.assertReferralAccess(m, actor, id, 'write');
      const referral = await this.lock(m, id);
      const from = referral.state;
      const to = ReferralStateMachine.next(from, input.action);
      const refusal = referralActionRefusal(actor, referral, input.action);
      if (refusal) throw forbidden(refusal);
      const now = new Date();
      let comment: string | null = null;

      switch (input.action) {
        case ReferralAction.Submit:
          await this.assertComplete(m, referral);
          await refreshReferralPersons(m, id, referral.caseId);
          referral.submissionCount += 1;
          referral.submittedAt = now;
          referral.firstSubmittedAt ??= now;
          comment = input.body.comment ?? null;
          break;
        case ReferralAction.Approve:
          referral.approvedBy = actor.userId;
          referral.approvedAt = now;
          comment = input.body.comment ?? null;
          if (comment) await addComment(m, id, actor.userId, ReferralCommentKind.Approval, comment);
          break;
        case ReferralAction.Return:
          comment = input.body.comment;
          await addComment(m, id, actor.userId, ReferralCommentKind.Return, comment);
          break;
        case ReferralAction.Revise:
          comment = input.body.comment ?? null;
          break;
        case ReferralAction.Send: {
          const approvedOn = japanDateOf(referral.approvedAt!);
          assertDateWithin('sentOn', input.body.sentOn, approvedOn, 'the approval date');
          referral.sentOn = input.body.sentOn;
          referral.sendMethod = input.body.method;
          referral.centreName = input.body.centreName ?? DEFAULT_CENTRE_NAME;
          referral.centreContact = input.body.centreContact;
          referral.sentBy = actor.userId;
          break;
        }
        case ReferralAction.Accept:
          assertDateWithin('answeredOn', input.body.answeredOn, referral.sentOn!, 'the day it was sent');
          referral.answeredOn = input.body.answeredOn;
          referral.answeredBy = actor.userId;
          referral.centreCaseNumber = input.body.centreCaseNumber;
          break;
        case ReferralAction.Decline:
          assertDateWithin('answeredOn', input.body.answeredOn, referral.sentOn!, 'the day it was sent');
          referral.answeredOn = input.body.answeredOn;
          referral.answeredBy = actor.userId;
          referral.declineReason = input.body.reason;
          comment = input.body.reason;
          break;
        case ReferralAction.Close:
        case ReferralAction.Withdraw:
          referral.closedAt = now;
          referral.closedBy = actor.userId;
          referral.closeReason = input.body.reason ?? null;
          comment = input.body.reason ?? null;
          break;
      }

      referral.state = to;
      await m.save(referral);
      await recordEvent(m, id, input.action, from, to, actor.userId, comment);
      await this.reminders.afterTransition(m, referral, input.action);
    });
    return this.get(actor, id);
  }

  // ---- reading ----

  async get(actor: Actor, id: string): Promise<ReferralView> {
    const facts = await this.access.assertReferralAccess(this.dataSource.manager, actor, id, 'read');
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT r.*, c.case_number, o.name AS office_name, u.display_name AS author_name, a.display_name AS approver_name
         FROM referrals r
         JOIN cases c ON c.id = r.case_id
         JOIN offices o ON o.id = r.office_id
         JOIN users u ON u.id = r.author_id
         LEFT JOIN users a ON a.id = r.approved_by
        WHERE r.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound('referral');
    const persons = await this.persons(this.dataSource.manager, id);
    const state = row.state as ReferralState;
    const actions = ReferralStateMachine.allowedActions(state).filter((action) => referralActionRefusal(actor, facts, action) === null);
    const editable = state === ReferralState.Draft && referralActionRefusal(actor, facts, 'edit') === null;
    return {
      id: row.id,
      caseId: row.case_id,
      caseNumber: row.case_number,
      officeId: row.office_id,
      officeName: row.office_name,
      authorId: row.author_id,
      authorName: row.author_name,
      state,
      stateLabel: REFERRAL_STATE_LABELS[state],
      urgency: row.urgency,
      urgencyLabel: REFERRAL_URGENCY_LABELS[row.urgency as ReferralUrgency],
      urgent: URGENT_GRADES.includes(row.urgency),
      legalBasis: row.legal_basis,
      legalBasisLabel: row.legal_basis ? REFERRAL_LEGAL_BASIS_LABELS[row.legal_basis as keyof typeof REFERRAL_LEGAL_BASIS_LABELS] : null,
      requestedMeasures: parsePgArray(row.requested_measures) as ReferralView['requestedMeasures'],
      requestedMeasureLabels: (parsePgArray(row.requested_measures) as ReferralView['requestedMeasures']).map((m) => REFERRAL_REQUESTED_MEASURE_LABELS[m]),
      reason: row.reason,
      supportHistory: row.support_history,
      riskSummary: row.risk_summary,
      latestAssessment: row.latest_assessment,
      latestAssessmentOn: row.latest_assessment_on,
      requestDetails: row.request_details,
      attachments: row.attachments,
      children: persons.filter((p) => p.role === ReferralPersonRole.Child).map(toPersonView),
      guardians: persons.filter((p) => p.role === ReferralPersonRole.Guardian).map(toPersonView),
      submissionCount: row.submission_count,
      submittedAt: row.submitted_at,
      approvedBy: row.approved_by,
      approverName: row.approver_name,
      approvedAt: row.approved_at,
      sentOn: row.sent_on,
      sendMethod: row.send_method,
      sendMethodLabel: row.send_method ? REFERRAL_SEND_METHOD_LABELS[row.send_method as keyof typeof REFERRAL_SEND_METHOD_LABELS] : null,
      centreName: row.centre_name,
      centreContact: row.centre_contact,
      answeredOn: row.answered_on,
      centreCaseNumber: row.centre_case_number,
      declineReason: row.decline_reason,
      closedAt: row.closed_at,
      closeReason: row.close_reason,
      allowedActions: [...(editable ? ['edit'] : []), ...actions],
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Referrals in scope, newest first (keyset on creation time and id). */
  async list(actor: Actor, query: ListReferralsQuery): Promise<Page<ReferralListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.referralScopeCondition(actor, 'r', 'c');
    const qb = this.dataSource
      .createQueryBuilder()
      .from('referrals', 'r')
      .innerJoin('cases', 'c', 'c.id = r.case_id')
      .where(scope.sql, scope.params);
    if (query.state) qb.andWhere('r.state = :state', { state: query.state });
    if (query.urgency) qb.andWhere('r.urgency = :urgency', { urgency: query.urgency });
    if (query.caseId) qb.andWhere('r.case_id = :caseId', { caseId: query.caseId });
    if (query.officeId) qb.andWhere('r.office_id = :officeId', { officeId: query.officeId });
    if (query.mine) qb.andWhere('r.author_id = :me', { me: actor.userId });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(r.created_at, r.id) < (CAST(:afterTime AS timestamptz), CAST(:afterId AS uuid))', { afterTime: after[0], afterId: after[1] });
    const rows = await withNames(qb).select(LIST_COLUMNS).orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit + 1).getRawMany<ListRow>();
    const page = toPage(rows, limit, (r) => [r.created_key, r.id]);
    return { items: page.items.map(toListItem), nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  /**
   * The supervisor's review queue: submitted referrals of their office, the
   * most urgent first (AA, A, B, C) and within a grade the longest waiting.
   */
  async reviewQueue(actor: Actor, query: { limit?: number; cursor?: string }): Promise<Page<ReviewQueueItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.referralScopeCondition(actor, 'r', 'c');
    const qb = this.dataSource
      .createQueryBuilder()
      .from('referrals', 'r')
      .innerJoin('cases', 'c', 'c.id = r.case_id')
      .where(scope.sql, scope.params)
      .andWhere(`r.state = 'submitted'`)
      .andWhere('r.office_id = :own', { own: actor.officeId });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const after = decodeCursor(query.cursor, 3);
    if (after) {
      qb.andWhere('(r.urgency, r.submitted_at, r.id) > (CAST(:afterUrgency AS referral_urgency), CAST(:afterTime AS timestamptz), CAST(:afterId AS uuid))', {
        afterUrgency: after[0],
        afterTime: after[1],
        afterId: after[2],
      });
    }
    const rows = await withNames(qb).select(LIST_COLUMNS).orderBy('r.urgency', 'ASC').addOrderBy('r.submitted_at', 'ASC').addOrderBy('r.id', 'ASC').limit(limit + 1).getRawMany<ListRow>();
    const page = toPage(rows, limit, (r) => [r.urgency, r.submitted_key, r.id]);
    const today = todayInJapan();
    const items = page.items.map((row): ReviewQueueItem => {
      const submittedOn = japanDateOf(new Date(row.submitted_at!));
      const workingDaysWaiting = workingDaysBetween(submittedOn, today);
      return {
        ...toListItem(row),
        daysWaiting: daysBetween(submittedOn, today),
        workingDaysWaiting,
        overdue: workingDaysWaiting > REVIEW_WORKING_DAYS,
        resubmitted: row.submission_count > 1,
        canReview: row.author_id !== actor.userId,
      };
    });
    return { items, nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  async history(actor: Actor, id: string): Promise<{ items: ReferralEventView[] }> {
    await this.access.assertReferralAccess(this.dataSource.manager, actor, id, 'read');
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT e.id, e.action, e.from_state, e.to_state, e.actor_id, u.display_name AS actor_name, e.occurred_at, e.comment
         FROM referral_events e JOIN users u ON u.id = e.actor_id
        WHERE e.referral_id = $1 ORDER BY e.occurred_at, e.id`,
      [id],
    );
    return {
      items: rows.map((e) => ({
        id: e.id,
        action: e.action,
        actionLabel: REFERRAL_ACTION_LABELS[e.action as ReferralAction] ?? e.action,
        fromState: e.from_state,
        toState: e.to_state,
        actorId: e.actor_id,
        actorName: e.actor_name,
        occurredAt: e.occurred_at,
        comment: e.comment,
      })),
    };
  }

  // ---- the comment thread ----

  async comments(actor: Actor, id: string): Promise<{ items: ReferralCommentView[] }> {
    await this.access.assertReferralAccess(this.dataSource.manager, actor, id, 'read');
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT k.id, k.author_id, u.display_name AS author_name, k.kind, k.body, k.created_at
         FROM referral_comments k JOIN users u ON u.id = k.author_id
        WHERE k.referral_id = $1 ORDER BY k.created_at, k.id`,
      [id],
    );
    return { items: rows.map(toCommentView) };
  }

  async addComment(actor: Actor, id: string, body: string): Promise<ReferralCommentView> {
    const commentId = await this.dataSource.transaction(async (m) => {
      await this.access.assertReferralAccess(m, actor, id, 'read');
      const referral = await this.lock(m, id);
      if (referral.state === ReferralState.Closed) throw businessRule('The referral is closed: its thread is kept as it is.');
      return addComment(m, id, actor.userId, ReferralCommentKind.Comment, body);
    });
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT k.id, k.author_id, u.display_name AS author_name, k.kind, k.body, k.created_at
         FROM referral_comments k JOIN users u ON u.id = k.author_id WHERE k.id = $1`,
      [commentId],
    );
    return toCommentView(rows[0]);
  }

  // ---- measures ----

  /**
   * Referrals by state and days to decision for a fiscal year: supervisors
   * for their office, the liaison ward-wide (or one office). Counts only.
   */
  async measures(actor: Actor, query: MeasuresQuery): Promise<ReferralMeasures> {
    const officeId = hasRole(actor, Role.Liaison) ? (query.officeId ?? null) : actor.officeId;
    const params = [query.fiscalYear, officeId];
    const where = `f.fiscal_year = $1 AND ($2::uuid IS NULL OR f.office_id = $2::uuid)`;
    const byState: Array<{ state: ReferralState; n: number }> = await this.dataSource.query(
      `SELECT f.state, count(*)::int AS n FROM referral_measure_facts f WHERE ${where} GROUP BY f.state`,
      params,
    );
    const [days]: Array<{ submitted: number; withdrawn: number; review_median: number | null; centre_median: number | null; accepted: number; declined: number }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE f.first_submitted_on IS NOT NULL)::int AS submitted,
              count(*) FILTER (WHERE f.withdrawn)::int AS withdrawn,
              count(*) FILTER (WHERE f.centre_answer = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE f.centre_answer = 'declined')::int AS declined,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY f.review_days) AS review_median,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY f.centre_decision_days) AS centre_median
         FROM referral_measure_facts f WHERE ${where}`,
      params,
    );
    const counts = Object.fromEntries(Object.values(ReferralState).map((s) => [s, 0])) as Record<ReferralState, number>;
    for (const row of byState) counts[row.state] = row.n;
    return {
      fiscalYear: query.fiscalYear,
      officeId,
      byState: counts,
      submitted: days.submitted,
      withdrawn: days.withdrawn,
      acceptedByCentre: days.accepted,
      declinedByCentre: days.declined,
      medianDaysToApproval: days.review_median === null ? null : Number(days.review_median),
      medianDaysToCentreDecision: days.centre_median === null ? null : Number(days.centre_median),
    };
  }

  // ---- helpers ----

  /** The rows a referral view and the 送致書 are built from. */
  async persons(manager: EntityManager, id: string): Promise<PersonRow[]> {
    return manager.query(
      `SELECT person_id, role, position, relationship, name_kanji, name_kana, birth_date, sex, address
         FROM referral_persons WHERE referral_id = $1 ORDER BY role, position`,
      [id],
    );
  }

  private async personIds(manager: EntityManager, id: string): Promise<{ children: string[]; guardians: string[] }> {
    const rows = await this.persons(manager, id);
    return {
      children: rows.filter((r) => r.role === ReferralPersonRole.Child).map((r) => r.person_id),
      guardians: rows.filter((r) => r.role === ReferralPersonRole.Guardian).map((r) => r.person_id),
    };
  }

  private async lock(manager: EntityManager, id: string): Promise<Referral> {
    const referral = await manager.getRepository(Referral).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!referral) throw notFound('referral');
    return referral;
  }

  /** A referral goes to review only when the 送致書 can be written from it. */
  private async assertComplete(manager: EntityManager, referral: Referral): Promise<void> {
    const errors: FieldError[] = [];
    const missing = (field: string, message: string) => errors.push({ field, code: 'required_for_submission', message });
    const { children } = await this.personIds(manager, referral.id);
    if (children.length === 0) missing('childIds', '対象児童を1人以上選んでください。');
    if (!referral.legalBasis) missing('legalBasis', '送致の根拠を選んでください。');
    if (!referral.reason) missing('reason', '送致理由を入力してください。');
    if (!referral.supportHistory) missing('supportHistory', 'これまでの支援経過を入力してください。');
    if (!referral.riskSummary) missing('riskSummary', '現在のリスクを入力してください。');
    if (!referral.latestAssessment) missing('latestAssessment', '直近のアセスメント結果を入力してください。');
    if (!referral.latestAssessmentOn) missing('latestAssessmentOn', 'アセスメント実施日を入力してください。');
    if (referral.requestedMeasures.length === 0) missing('requestedMeasures', '児童相談センターに求める対応を選んでください。');
    if (errors.length) throw businessRule('The referral is not complete enough to submit.', errors);
  }
}

export interface ReferralMeasures {
  fiscalYear: number;
  officeId: string | null;
  byState: Record<ReferralState, number>;
  submitted: number;
  withdrawn: number;
  acceptedByCentre: number;
  declinedByCentre: number;
  medianDaysToApproval: number | null;
  medianDaysToCentreDecision: number | null;
}

export interface PersonRow {
  person_id: string;
  role: ReferralPersonRole;
  position: number;
  relationship: MemberRelationship;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  sex: Sex;
  address: string | null;
}

/** The joins only the page needs (names), kept out of the count. */
function withNames<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return qb.innerJoin('offices', 'o', 'o.id = r.office_id').innerJoin('users', 'u', 'u.id = r.author_id');
}

async function recordEvent(m: EntityManager, referralId: string, action: string, from: ReferralState | null, to: ReferralState, actorId: string, comment: string | null): Promise<void> {
  await m.query(`INSERT INTO referral_events (referral_id, action, from_state, to_state, actor_id, comment) VALUES ($1, $2, $3, $4, $5, $6)`, [referralId, action, from, to, actorId, comment]);
}

async function addComment(m: EntityManager, referralId: string, authorId: string, kind: ReferralCommentKind, body: string): Promise<string> {
  const rows: Array<{ id: string }> = await m.query(`INSERT INTO referral_comments (referral_id, author_id, kind, body) VALUES ($1, $2, $3, $4) RETURNING id`, [referralId, authorId, kind, body]);
  return rows[0].id;
}

/** A date recorded for a step must not be before the previous step nor in the future. */
function assertDateWithin(field: string, value: string, notBefore: string, what: string): void {
  if (value < notBefore) throw businessRule(`${field} cannot be before ${what}.`, [{ field, code: 'too_early', message: `${what}より前の日付は指定できません。` }]);
  if (value > todayInJapan()) throw businessRule(`${field} cannot be in the future.`, [{ field, code: 'in_future', message: '未来の日付は指定できません。' }]);
}

/** node-postgres leaves arrays of custom enum types as '{a,b}' text. */
function parsePgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value !== 'string' || value === '{}') return [];
  return value.slice(1, -1).split(',');
}

function toPersonView(p: PersonRow): ReferralPersonView {
  return {
    personId: p.person_id,
    nameKanji: p.name_kanji,
    nameKana: p.name_kana,
    birthDate: p.birth_date,
    sex: p.sex,
    sexLabel: SEX_LABELS[p.sex],
    relationship: p.relationship,
    relationshipLabel: MEMBER_RELATIONSHIP_LABELS[p.relationship],
    address: p.address,
  };
}

function toListItem(row: ListRow): ReferralListItem {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    officeId: row.office_id,
    officeName: row.office_name,
    authorId: row.author_id,
    authorName: row.author_name,
    state: row.state,
    stateLabel: REFERRAL_STATE_LABELS[row.state],
    urgency: row.urgency,
    urgencyLabel: REFERRAL_URGENCY_LABELS[row.urgency],
    childNames: parsePgArray(row.child_names),
    submittedAt: row.submitted_at,
    sentOn: row.sent_on,
    createdAt: row.created_at,
  };
}

function toCommentView(row: Record<string, any>): ReferralCommentView {
  return {
    id: row.id,
    authorId: row.author_id,
    authorName: row.author_name,
    kind: row.kind,
    kindLabel: REFERRAL_COMMENT_KIND_LABELS[row.kind as ReferralCommentKind],
    body: row.body,
    createdAt: row.created_at,
  };
}
