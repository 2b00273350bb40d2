import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { conflict, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { fiscalYearRange, todayInJapan } from '../../common/time/japan-time';
import { definedFields } from '../../common/http/defined-fields';
import { AuditNote } from '../audit/audited.decorator';
import { createInTransaction } from '../audit/write-audit';
import { CONTACT_METHOD_LABELS, CONTACT_RESULT_LABELS, ContactMethod, ContactResult } from './contact-attempt.entity';
import {
  ContactAttemptView,
  CreatePregnancyNotificationDto,
  HistoryEntry,
  InterviewSummary,
  ListPregnancyNotificationsQuery,
  PregnancyNotificationDetail,
  PregnancyNotificationView,
  UpdatePregnancyNotificationDto,
} from './dto/pregnancy-notification.dto';
import { assertNoNulls } from './assert-no-nulls';
import { MotherRegistration } from './mother-registration';
import { namedRows } from '../../database/named-sql';
import { unionOverScope } from './union-over-scope';
import { loadNotificationRow, NOTIFICATION_VIEW_SELECT, NotificationRow, toNotificationView } from './notification-view';
import { checkNotificationDates } from './pregnancy-dates';
import { PREGNANCY_HISTORY_ACTION_LABELS, PregnancyHistoryAction, recordPregnancyHistory } from './pregnancy-history';
import { PregnancyNotification, PregnancyNotificationStatus, SpecifiedStatus } from './pregnancy-notification.entity';
import { PregnancyReminders } from './pregnancy-reminders';
import { PregnancySettingsService } from './pregnancy-settings.service';
import { SUPPORT_NEED_LABELS, SupportNeed } from '../pregnancy-interviews/pregnancy-interview.entity';

/** Two notifications of one mother whose due dates are closer than this are the same pregnancy filed twice. */
const SAME_PREGNANCY_DAYS = 180;

@Injectable()
export class PregnancyNotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly mothers: MotherRegistration,
    private readonly settings: PregnancySettingsService,
    private readonly reminders: PregnancyReminders,
  ) {}

  /**
   * Records a 妊娠届 at the caller's 保健相談所, registering the mother first
   * when she is typed in (with the duplicate check), and schedules the
   * "no interview yet" reminder.
   */
  async create(actor: Actor, dto: CreatePregnancyNotificationDto, note: AuditNote): Promise<PregnancyNotificationView> {
    await this.access.assertHealthCenterStaff(this.dataSource.manager, actor);
    const errors = checkNotificationDates(dto, todayInJapan());
    if (errors.length) throw validationFailed(errors, 'The dates of the pregnancy notification do not fit together.');
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const mother = await this.mothers.resolve(manager, actor, dto);
      if (mother.created) note.related = [{ resourceType: 'person', resourceId: mother.personId, action: 'person.create' }];
      await this.assertNotFiledTwice(manager, actor, mother.personId, dto.dueDate, null);
      const repo = manager.getRepository(PregnancyNotification);
      const saved = await repo.save(
        repo.create({
          officeId: actor.officeId,
          motherId: mother.personId,
          filedOn: dto.filedOn,
          weeksAtFiling: dto.weeksAtFiling,
          dueDate: dto.dueDate,
          medicalInstitution: dto.medicalInstitution ?? null,
          birthOrder: dto.birthOrder,
          multiplePregnancy: dto.multiplePregnancy,
          notes: dto.notes ?? null,
          createdBy: actor.userId,
        }),
      );
      await recordPregnancyHistory(manager, saved, PregnancyHistoryAction.Filed, actor.userId);
      await this.reminders.scheduleInterviewOverdue(manager, saved, await this.settings.effective(manager, saved.officeId));
      return saved.id;
    });
    return this.view(this.dataSource.manager, actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdatePregnancyNotificationDto): Promise<PregnancyNotificationView> {
    await this.dataSource.transaction(async (manager) => {
      const n = await this.lockForWrite(manager, actor, id);
      if (n.version !== dto.version) throw versionConflict();
      const { version: _version, ...changes } = definedFields(dto);
      assertNoNulls(changes, ['filedOn', 'weeksAtFiling', 'dueDate', 'birthOrder', 'multiplePregnancy']);
      const merged = { filedOn: changes.filedOn ?? n.filedOn, weeksAtFiling: changes.weeksAtFiling ?? n.weeksAtFiling, dueDate: changes.dueDate ?? n.dueDate };
      if (changes.filedOn !== undefined || changes.weeksAtFiling !== undefined || changes.dueDate !== undefined) {
        // A due date already passed is only an error when it is being entered, not when other fields of an old record are corrected.
        const errors = checkNotificationDates(merged, todayInJapan()).filter((e) => e.code !== 'in_past' || changes.dueDate !== undefined);
        if (errors.length) throw validationFailed(errors, 'The dates of the pregnancy notification do not fit together.');
      }
      if (changes.dueDate !== undefined) await this.assertNotFiledTwice(manager, actor, n.motherId, merged.dueDate, n.id);
      const filedOnMoved = changes.filedOn !== undefined && changes.filedOn !== n.filedOn;
      if (n.firstInterviewedOn !== null && changes.filedOn !== undefined && changes.filedOn > n.firstInterviewedOn) {
        throw validationFailed([{ field: 'filedOn', code: 'after_interview', message: '届出日が最初の面談日より後になります。' }]);
      }
      Object.assign(n, changes);
      const saved = await manager.getRepository(PregnancyNotification).save(n);
      await recordPregnancyHistory(manager, saved, PregnancyHistoryAction.Updated, actor.userId);
      if (filedOnMoved && saved.status !== PregnancyNotificationStatus.Interviewed) {
        await this.reminders.scheduleInterviewOverdue(manager, saved, await this.settings.effective(manager, saved.officeId));
      }
    });
    return this.view(this.dataSource.manager, actor, id);
  }

  async get(actor: Actor, id: string): Promise<PregnancyNotificationDetail> {
    const manager = this.dataSource.manager;
    const view = await this.view(manager, actor, id);
    const [interviews, contactAttempts, history] = await Promise.all([this.interviewSummaries(manager, id), this.contactAttempts(manager, id), this.history(manager, id)]);
    return { ...view, interviews, contactAttempts, history };
  }

  async list(actor: Actor, query: ListPregnancyNotificationsQuery): Promise<Page<PregnancyNotificationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    const filter = (sql: string, values: Record<string, unknown>) => {
      where.push(sql);
      Object.assign(params, values);
    };
    if (query.status) filter('n.status = :status', { status: query.status });
    if (query.specifiedStatus) filter('n.specified_status = :specifiedStatus', { specifiedStatus: query.specifiedStatus });
    if (query.fiscalYear !== undefined) {
      const range = fiscalYearRange(query.fiscalYear);
      filter('n.filed_on BETWEEN :fyFirst AND :fyLast', { fyFirst: range.firstDay, fyLast: range.lastDay });
    }
    if (query.filedFrom) filter('n.filed_on >= :filedFrom', { filedFrom: query.filedFrom });
    if (query.filedTo) filter('n.filed_on <= :filedTo', { filedTo: query.filedTo });
    if (query.motherId) filter('n.mother_id = :motherId', { motherId: query.motherId });
    if (query.caseId) filter('n.case_id = :caseId', { caseId: query.caseId });
    const parts = this.access.pregnancyRecordScopeParts(actor, 'n.office_id', 'n.case_id');
    const conditions = (scopeSql: string, more: string[] = []) => [scopeSql, ...where, ...more].join(' AND ');
    const manager = this.dataSource.manager;
    const counted = unionOverScope(parts, (scopeSql) => `SELECT count(*) AS c FROM pregnancy_notifications n WHERE ${conditions(scopeSql)}`);
    const [{ total }] = await namedRows<{ total: number }>(manager, `SELECT coalesce(sum(c), 0)::int AS total FROM (${counted.sql}) parts`, { ...params, ...counted.params });
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ['(n.filed_on, n.id) < (:afterFiled, :afterId)'] : [];
    if (after) Object.assign(params, { afterFiled: after[0], afterId: after[1] });
    // Each half is read in index order up to the page size; the merge keeps the page's order.
    const page = unionOverScope(parts, (scopeSql) => `SELECT n.id FROM pregnancy_notifications n WHERE ${conditions(scopeSql, keyset)} ORDER BY n.filed_on DESC, n.id DESC LIMIT :limit`);
    const rows = await namedRows<NotificationRow>(
      manager,
      `WITH page AS (${page.sql}) ${NOTIFICATION_VIEW_SELECT} JOIN page ON page.id = n.id ORDER BY n.filed_on DESC, n.id DESC LIMIT :limit`,
      { ...params, ...page.params },
    );
    const today = todayInJapan();
    const result = toPage(rows, limit, (r) => [r.filed_on, r.id]);
    return { items: result.items.map((r) => toNotificationView(r, actor, today)), nextCursor: result.nextCursor, total };
  }

  async listContactAttempts(actor: Actor, id: string): Promise<ContactAttemptView[]> {
    await this.view(this.dataSource.manager, actor, id);
    return this.contactAttempts(this.dataSource.manager, id);
  }

  /** One notification as the caller may see it (404 out of scope). */
  async view(manager: EntityManager, actor: Actor, id: string): Promise<PregnancyNotificationView> {
    const row = await loadNotificationRow(manager, id);
    if (!row) throw notFound('pregnancy notification');
    await this.access.assertPregnancyRecordAccess(manager, actor, { officeId: row.office_id, caseId: row.case_id }, 'read', 'pregnancy notification');
    return toNotificationView(row, actor, todayInJapan());
  }

  /** Locks the notification for a change by the caller: 404 out of scope, 403 read-only through a case. */
  async lockForWrite(manager: EntityManager, actor: Actor, id: string, what = 'pregnancy notification'): Promise<PregnancyNotification> {
    const n = await manager.getRepository(PregnancyNotification).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!n) throw notFound(what);
    await this.access.assertPregnancyRecordAccess(manager, actor, n, 'write', what);
    return n;
  }

  private async assertNotFiledTwice(manager: EntityManager, actor: Actor, motherId: string, dueDate: string, exceptId: string | null): Promise<void> {
    const rows: Array<{ id: string; office_id: string }> = await manager.query(
      `SELECT id, office_id FROM pregnancy_notifications
        WHERE mother_id = $1 AND abs(due_date - $2::date) < $3 AND ($4::uuid IS NULL OR id <> $4) LIMIT 1`,
      [motherId, dueDate, SAME_PREGNANCY_DAYS, exceptId],
    );
    if (rows[0]) {
      throw conflict('この妊婦には同じ妊娠の妊娠届が既に登録されています。', rows[0].office_id === actor.officeId ? { notificationId: rows[0].id } : undefined);
    }
  }

  private async interviewSummaries(manager: EntityManager, id: string): Promise<InterviewSummary[]> {
    const rows: Array<{ id: string; interviewed_on: string; consultant_name: string; support_need: SupportNeed; follow_up_on: string | null }> = await manager.query(
      `SELECT i.id, i.interviewed_on, u.display_name AS consultant_name, i.support_need, i.follow_up_on
         FROM pregnancy_interviews i JOIN users u ON u.id = i.consultant_id
        WHERE i.notification_id = $1 ORDER BY i.interviewed_on, i.created_at`,
      [id],
    );
    return rows.map((r) => ({
      id: r.id,
      interviewedOn: r.interviewed_on,
      consultantName: r.consultant_name,
      supportNeed: r.support_need,
      supportNeedLabel: SUPPORT_NEED_LABELS[r.support_need],
      followUpOn: r.follow_up_on,
    }));
  }

  async contactAttempts(manager: EntityManager, id: string): Promise<ContactAttemptView[]> {
    const rows: Array<{ id: string; notification_id: string; attempted_on: string; method: ContactMethod; result: ContactResult; note: string | null; recorded_by: string; recorded_by_name: string; created_at: Date }> =
      await manager.query(
        `SELECT a.id, a.notification_id, a.attempted_on, a.method, a.result, a.note, a.recorded_by, u.display_name AS recorded_by_name, a.created_at
           FROM pregnancy_contact_attempts a JOIN users u ON u.id = a.recorded_by
          WHERE a.notification_id = $1 ORDER BY a.attempted_on, a.created_at`,
        [id],
      );
    return rows.map(toContactAttemptView);
  }

  private async history(manager: EntityManager, id: string): Promise<HistoryEntry[]> {
    const rows: Array<{ action: PregnancyHistoryAction; status: PregnancyNotificationStatus; specified_status: SpecifiedStatus; note: string | null; actor_name: string | null; occurred_at: Date }> = await manager.query(
      `SELECT h.action, h.status, h.specified_status, h.note, u.display_name AS actor_name, h.occurred_at
         FROM pregnancy_notification_history h LEFT JOIN users u ON u.id = h.actor_id
        WHERE h.notification_id = $1 ORDER BY h.id`,
      [id],
    );
    return rows.map((r) => ({
      action: r.action,
      actionLabel: PREGNANCY_HISTORY_ACTION_LABELS[r.action],
      status: r.status,
      specifiedStatus: r.specified_status,
      note: r.note,
      actorName: r.actor_name,
      occurredAt: r.occurred_at,
    }));
  }
}

export function toContactAttemptView(r: {
  id: string;
  notification_id: string;
  attempted_on: string;
  method: ContactMethod;
  result: ContactResult;
  note: string | null;
  recorded_by: string;
  recorded_by_name: string;
  created_at: Date;
}): ContactAttemptView {
  return {
    id: r.id,
    notificationId: r.notification_id,
    attemptedOn: r.attempted_on,
    method: r.method,
    methodLabel: CONTACT_METHOD_LABELS[r.method],
    result: r.result,
    resultLabel: CONTACT_RESULT_LABELS[r.result],
    note: r.note,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    createdAt: r.created_at,
  };
}
