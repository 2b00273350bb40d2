import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, conflict, FieldError, forbidden, invalidTransition, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { daysBetween, todayInJapan } from '../../common/time/japan-time';
import { AuditNote } from '../audit/audited.decorator';
import { MotherRegistration } from '../pregnancy-notifications/mother-registration';
import { namedRows } from '../../database/named-sql';
import { unionOverScope } from '../pregnancy-notifications/union-over-scope';
import { PregnancyNotificationsService } from '../pregnancy-notifications/pregnancy-notifications.service';
import { EffectiveSettings, maxSessionsFor, PregnancySettingsService } from '../pregnancy-notifications/pregnancy-settings.service';
import { createInTransaction } from '../audit/write-audit';
import {
  ApprovePostpartumCareDto,
  CreatePostpartumCareApplicationDto,
  DecidePostpartumCareDto,
  ListPostpartumCareQuery,
  PostpartumCareApplicationDetail,
  PostpartumCareApplicationView,
  PostpartumSessionView,
  RecordPostpartumSessionDto,
} from './dto/postpartum-care.dto';
import { POSTPARTUM_CARE_STATUS_LABELS, PostpartumCareApplication, PostpartumCareStatus } from './postpartum-care.entity';
import { POSTPARTUM_CARE_TYPE_LABELS, PostpartumCareType } from './postpartum-care-type';
import { allowedPostpartumActions, checkPostpartumEligibility, lastEligibleDay, POSTPARTUM_CARE_TRANSITIONS, PostpartumCareAction, postpartumDecisionRefusal, PostpartumRules } from './postpartum-eligibility';
import { PostpartumReminders } from './postpartum-reminders';

interface ApplicationRow {
  id: string;
  office_id: string;
  mother_id: string;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  notification_id: string | null;
  interview_id: string | null;
  case_id: string | null;
  service_type: PostpartumCareType;
  baby_birth_date: string;
  applied_on: string;
  requested_sessions: number;
  preferred_start_on: string | null;
  provider_name: string | null;
  reason: string | null;
  status: PostpartumCareStatus;
  approved_sessions: number | null;
  used_sessions: number;
  eligible_until: string;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  cancelled_reason: string | null;
  created_by: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const APPLICATION_SELECT = `
  SELECT a.id, a.office_id, a.mother_id, p.name_kanji, p.name_kana, p.birth_date, a.notification_id, a.interview_id, n.case_id,
         a.service_type, a.baby_birth_date, a.applied_on, a.requested_sessions, a.preferred_start_on, a.provider_name, a.reason,
         a.status, a.approved_sessions,
         (SELECT count(*)::int FROM postpartum_care_sessions s WHERE s.application_id = a.id) AS used_sessions,
         a.eligible_until, d.display_name AS decided_by_name, a.decided_at, a.decision_note, a.cancelled_reason,
         a.created_by, a.version, a.created_at, a.updated_at
    FROM postpartum_care_applications a
    JOIN persons p ON p.id = a.mother_id
    LEFT JOIN pregnancy_notifications n ON n.id = a.notification_id
    LEFT JOIN users d ON d.id = a.decided_by`;

function rulesOf(settings: EffectiveSettings): PostpartumRules {
  return { eligibilityMonths: settings.postpartumEligibilityMonths, overnightMaxAgeMonths: settings.overnightStayMaxAgeMonths };
}

/**
 * 産後ケア事業: applications recorded by the 保健相談所 (often referred from a
 * 妊婦面談), approved by its supervisor, and the sessions used against the
 * number approved. Eligibility (mother and baby within a year of the birth,
 * 宿泊型 only for young babies) is checked when applying, when approving and
 * for every session.
 */
@Injectable()
export class PostpartumCareService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly notifications: PregnancyNotificationsService,
    private readonly mothers: MotherRegistration,
    private readonly settings: PregnancySettingsService,
    private readonly reminders: PostpartumReminders,
  ) {}

  async create(actor: Actor, dto: CreatePostpartumCareApplicationDto): Promise<PostpartumCareApplicationDetail> {
    await this.access.assertHealthCenterStaff(this.dataSource.manager, actor);
    const today = todayInJapan();
    const errors: FieldError[] = [];
    if (dto.appliedOn > today) errors.push({ field: 'appliedOn', code: 'in_future', message: '申請日が未来の日付です。' });
    if (dto.babyBirthDate > dto.appliedOn) errors.push({ field: 'babyBirthDate', code: 'after_application', message: '出生日が申請日より後です。' });
    if (dto.preferredStartOn && dto.preferredStartOn < dto.appliedOn) errors.push({ field: 'preferredStartOn', code: 'before_application', message: '利用希望日が申請日より前です。' });
    if (errors.length) throw validationFailed(errors);

    const id = await createInTransaction(this.dataSource, async (manager) => {
      const origin = await this.origin(manager, actor, dto);
      const settings = await this.settings.effective(manager, actor.officeId);
      const problems = checkPostpartumEligibility(dto.serviceType, dto.babyBirthDate, dto.appliedOn, rulesOf(settings));
      const max = maxSessionsFor(settings, dto.serviceType);
      if (dto.requestedSessions > max) problems.push({ field: 'requestedSessions', code: 'over_limit', message: `${POSTPARTUM_CARE_TYPE_LABELS[dto.serviceType]}は${max}回（日）までです。` });
      if (problems.length) throw businessRule('The mother and baby are not eligible for this 産後ケア service.', problems);
      const repo = manager.getRepository(PostpartumCareApplication);
      const saved = await repo.save(
        repo.create({
          officeId: actor.officeId,
          motherId: origin.motherId,
          notificationId: origin.notificationId,
          interviewId: dto.interviewId ?? null,
          serviceType: dto.serviceType,
          babyBirthDate: dto.babyBirthDate,
          appliedOn: dto.appliedOn,
          requestedSessions: dto.requestedSessions,
          preferredStartOn: dto.preferredStartOn ?? null,
          providerName: dto.providerName ?? null,
          reason: dto.reason ?? null,
          eligibleUntil: lastEligibleDay(dto.serviceType, dto.babyBirthDate, rulesOf(settings)),
          createdBy: actor.userId,
        }),
      );
      await this.reminders.notifyApprovalPending(manager, saved);
      return saved.id;
    });
    return this.get(actor, id);
  }

  /** Approval by a supervisor of the 保健相談所 who did not record the application (four eyes). */
  async approve(actor: Actor, id: string, dto: ApprovePostpartumCareDto): Promise<PostpartumCareApplicationDetail> {
    await this.dataSource.transaction(async (manager) => {
      const a = await this.lockForDecision(manager, actor, id, dto.version, PostpartumCareAction.Approve);
      const settings = await this.settings.effective(manager, a.officeId);
      const problems = checkPostpartumEligibility(a.serviceType, a.babyBirthDate, todayInJapan(), rulesOf(settings));
      const max = maxSessionsFor(settings, a.serviceType);
      if (dto.approvedSessions > max) problems.push({ field: 'approvedSessions', code: 'over_limit', message: `${POSTPARTUM_CARE_TYPE_LABELS[a.serviceType]}は${max}回（日）までです。` });
      if (problems.length) throw businessRule('The application cannot be approved.', problems);
      Object.assign(a, { status: PostpartumCareStatus.Approved, approvedSessions: dto.approvedSessions, decidedBy: actor.userId, decidedAt: new Date(), decisionNote: dto.note ?? null });
      await manager.getRepository(PostpartumCareApplication).save(a);
      await this.reminders.resolveApproval(manager, a.id);
    });
    return this.get(actor, id);
  }

  async reject(actor: Actor, id: string, dto: DecidePostpartumCareDto): Promise<PostpartumCareApplicationDetail> {
    await this.dataSource.transaction(async (manager) => {
      const a = await this.lockForDecision(manager, actor, id, dto.version, PostpartumCareAction.Reject);
      Object.assign(a, { status: PostpartumCareStatus.Rejected, decidedBy: actor.userId, decidedAt: new Date(), decisionNote: dto.reason });
      await manager.getRepository(PostpartumCareApplication).save(a);
      await this.reminders.resolveApproval(manager, a.id);
    });
    return this.get(actor, id);
  }

  async cancel(actor: Actor, id: string, dto: DecidePostpartumCareDto, note: AuditNote): Promise<PostpartumCareApplicationDetail> {
    await this.dataSource.transaction(async (manager) => {
      const a = await this.lockForWrite(manager, actor, id);
      if (a.version !== dto.version) throw versionConflict();
      this.assertAllowed(a, PostpartumCareAction.Cancel);
      Object.assign(a, { status: PostpartumCareStatus.Cancelled, cancelledReason: dto.reason });
      await manager.getRepository(PostpartumCareApplication).save(a);
      await this.reminders.resolveApproval(manager, a.id);
      note.reason = dto.reason;
    });
    return this.get(actor, id);
  }

  /** One session (a night, a day, a visit) used; the application completes when every approved session is used. */
  async recordSession(actor: Actor, id: string, dto: RecordPostpartumSessionDto, note: AuditNote): Promise<PostpartumCareApplicationDetail> {
    await this.dataSource.transaction(async (manager) => {
      const a = await this.lockForWrite(manager, actor, id);
      this.assertAllowed(a, PostpartumCareAction.RecordSession);
      const errors: FieldError[] = [];
      if (dto.usedOn > todayInJapan()) errors.push({ field: 'usedOn', code: 'in_future', message: '利用日が未来の日付です。' });
      if (dto.usedOn < a.appliedOn) errors.push({ field: 'usedOn', code: 'before_application', message: '利用日が申請日より前です。' });
      if (errors.length) throw validationFailed(errors);
      const settings = await this.settings.effective(manager, a.officeId);
      const problems = checkPostpartumEligibility(a.serviceType, a.babyBirthDate, dto.usedOn, rulesOf(settings)).map((e) => ({ ...e, field: 'usedOn' }));
      if (problems.length) throw businessRule('The service cannot be used on that date.', problems);
      const [{ used }] = await manager.query(`SELECT count(*)::int AS used FROM postpartum_care_sessions WHERE application_id = $1`, [a.id]);
      const approved = a.approvedSessions as number;
      if ((used as number) >= approved) {
        throw businessRule('Every approved session has been used.', [{ field: 'usedOn', code: 'sessions_used_up', message: `承認された${approved}回（日）をすべて利用済みです。` }]);
      }
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO postpartum_care_sessions (application_id, used_on, note, recorded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (application_id, used_on) DO NOTHING RETURNING id`,
        [a.id, dto.usedOn, dto.note ?? null, actor.userId],
      );
      if (inserted.length === 0) throw conflict('この日の利用は既に記録されています。');
      note.details = { sessionId: inserted[0].id, usedOn: dto.usedOn };
      if ((used as number) + 1 === approved) {
        a.status = PostpartumCareStatus.Completed;
        await manager.getRepository(PostpartumCareApplication).save(a);
      }
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<PostpartumCareApplicationDetail> {
    const manager = this.dataSource.manager;
    const rows = await namedRows<ApplicationRow>(manager, `${APPLICATION_SELECT} WHERE a.id = :id`, { id });
    const row = rows[0];
    if (!row) throw notFound('postpartum care application');
    await this.access.assertPregnancyRecordAccess(manager, actor, { officeId: row.office_id, caseId: row.case_id }, 'read', 'postpartum care application');
    const sessions: Array<{ id: string; used_on: string; note: string | null; recorded_by_name: string; created_at: Date }> = await manager.query(
      `SELECT s.id, s.used_on, s.note, u.display_name AS recorded_by_name, s.created_at
         FROM postpartum_care_sessions s JOIN users u ON u.id = s.recorded_by WHERE s.application_id = $1 ORDER BY s.used_on`,
      [id],
    );
    const view = toView(row, actor, todayInJapan());
    return {
      ...view,
      sessions: sessions.map((s): PostpartumSessionView => ({ id: s.id, usedOn: s.used_on, note: s.note, recordedByName: s.recorded_by_name, createdAt: s.created_at })),
    };
  }

  async list(actor: Actor, query: ListPostpartumCareQuery): Promise<Page<PostpartumCareApplicationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    const filter = (sql: string, values: Record<string, unknown>) => {
      where.push(sql);
      Object.assign(params, values);
    };
    if (query.status) filter('a.status = :status', { status: query.status });
    if (query.serviceType) filter('a.service_type = :serviceType', { serviceType: query.serviceType });
    if (query.motherId) filter('a.mother_id = :motherId', { motherId: query.motherId });
    if (query.notificationId) filter('a.notification_id = :notificationId', { notificationId: query.notificationId });
    const parts = this.access.pregnancyRecordScopeParts(actor, 'a.office_id', 'n.case_id');
    const from = `FROM postpartum_care_applications a LEFT JOIN pregnancy_notifications n ON n.id = a.notification_id`;
    const conditions = (scopeSql: string, more: string[] = []) => [scopeSql, ...where, ...more].join(' AND ');
    const manager = this.dataSource.manager;
    const counted = unionOverScope(parts, (scopeSql) => `SELECT count(*) AS c ${from} WHERE ${conditions(scopeSql)}`);
    const [{ total }] = await namedRows<{ total: number }>(manager, `SELECT coalesce(sum(c), 0)::int AS total FROM (${counted.sql}) parts`, { ...params, ...counted.params });
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ['(a.applied_on, a.id) < (:afterOn, :afterId)'] : [];
    if (after) Object.assign(params, { afterOn: after[0], afterId: after[1] });
    const page = unionOverScope(parts, (scopeSql) => `SELECT a.id ${from} WHERE ${conditions(scopeSql, keyset)} ORDER BY a.applied_on DESC, a.id DESC LIMIT :limit`);
    const rows = await namedRows<ApplicationRow>(
      manager,
      `WITH page AS (${page.sql}) ${APPLICATION_SELECT} JOIN page ON page.id = a.id ORDER BY a.applied_on DESC, a.id DESC LIMIT :limit`,
      { ...params, ...page.params },
    );
    const today = todayInJapan();
    const result = toPage(rows, limit, (r) => [r.applied_on, r.id]);
    return { items: result.items.map((r) => toView(r, actor, today)), nextCursor: result.nextCursor, total };
  }

  /** The mother comes from the 妊娠届 or the referring interview when given, else from `motherId`. */
  private async origin(manager: EntityManager, actor: Actor, dto: CreatePostpartumCareApplicationDto): Promise<{ motherId: string; notificationId: string | null }> {
    let notificationId = dto.notificationId ?? null;
    if (dto.interviewId) {
      const rows: Array<{ notification_id: string }> = await manager.query(`SELECT notification_id FROM pregnancy_interviews WHERE id = $1`, [dto.interviewId]);
      if (!rows[0]) throw notFound('pregnancy interview');
      if (notificationId && notificationId !== rows[0].notification_id) {
        throw validationFailed([{ field: 'interviewId', code: 'other_notification', message: '面談が指定の妊娠届のものではありません。' }]);
      }
      notificationId = rows[0].notification_id;
    }
    if (notificationId) {
      const n = await this.notifications.lockForWrite(manager, actor, notificationId, dto.interviewId ? 'pregnancy interview' : 'pregnancy notification');
      if (dto.motherId && dto.motherId !== n.motherId) throw validationFailed([{ field: 'motherId', code: 'other_mother', message: '妊娠届の妊婦と異なります。' }]);
      return { motherId: n.motherId, notificationId };
    }
    if (!dto.motherId) throw validationFailed([{ field: 'motherId', code: 'required', message: '妊娠届・面談・妊婦のいずれかを指定してください。' }]);
    const person = await this.mothers.findInScope(manager, actor, dto.motherId);
    if (!person) throw notFound('person');
    return { motherId: person.id, notificationId: null };
  }

  private async lockForWrite(manager: EntityManager, actor: Actor, id: string): Promise<PostpartumCareApplication> {
    const a = await manager.getRepository(PostpartumCareApplication).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!a) throw notFound('postpartum care application');
    const caseRows: Array<{ case_id: string | null }> = a.notificationId ? await manager.query(`SELECT case_id FROM pregnancy_notifications WHERE id = $1`, [a.notificationId]) : [];
    await this.access.assertPregnancyRecordAccess(manager, actor, { officeId: a.officeId, caseId: caseRows[0]?.case_id ?? null }, 'write', 'postpartum care application');
    return a;
  }

  private async lockForDecision(manager: EntityManager, actor: Actor, id: string, version: number, action: PostpartumCareAction): Promise<PostpartumCareApplication> {
    const a = await this.lockForWrite(manager, actor, id);
    const refusal = postpartumDecisionRefusal(actor, a.createdBy);
    if (refusal) throw forbidden(refusal);
    if (a.version !== version) throw versionConflict();
    this.assertAllowed(a, action);
    return a;
  }

  private assertAllowed(a: PostpartumCareApplication, action: PostpartumCareAction): void {
    const allowed = POSTPARTUM_CARE_TRANSITIONS[a.status];
    if (!allowed.includes(action)) throw invalidTransition(a.status, action, allowed);
  }
}

function toView(r: ApplicationRow, actor: Actor, today: string): PostpartumCareApplicationView {
  const editable = r.office_id === actor.officeId;
  return {
    id: r.id,
    officeId: r.office_id,
    mother: { id: r.mother_id, nameKanji: r.name_kanji, nameKana: r.name_kana, birthDate: r.birth_date },
    notificationId: r.notification_id,
    interviewId: r.interview_id,
    serviceType: r.service_type,
    serviceTypeLabel: POSTPARTUM_CARE_TYPE_LABELS[r.service_type],
    babyBirthDate: r.baby_birth_date,
    babyAgeDays: daysBetween(r.baby_birth_date, today),
    appliedOn: r.applied_on,
    requestedSessions: r.requested_sessions,
    preferredStartOn: r.preferred_start_on,
    providerName: r.provider_name,
    reason: r.reason,
    status: r.status,
    statusLabel: POSTPARTUM_CARE_STATUS_LABELS[r.status],
    allowedActions: allowedPostpartumActions(actor, { status: r.status, createdBy: r.created_by, editable }),
    approvedSessions: r.approved_sessions,
    usedSessions: r.used_sessions,
    remainingSessions: r.approved_sessions === null ? null : Math.max(0, r.approved_sessions - r.used_sessions),
    eligibleUntil: r.eligible_until,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    cancelledReason: r.cancelled_reason,
    createdBy: r.created_by,
    editable,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
