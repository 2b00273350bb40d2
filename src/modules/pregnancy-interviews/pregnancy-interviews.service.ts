import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { FieldError, invalidTransition, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { ageOn, fiscalYearRange, todayInJapan } from '../../common/time/japan-time';
import { definedFields } from '../../common/http/defined-fields';
import { sqlRows } from '../../database/sql';
import { assertNoNulls } from '../pregnancy-notifications/assert-no-nulls';
import { namedRows } from '../../database/named-sql';
import { unionOverScope } from '../pregnancy-notifications/union-over-scope';
import { checkInterviewDates } from '../pregnancy-notifications/pregnancy-dates';
import { PregnancyHistoryAction, recordPregnancyHistory } from '../pregnancy-notifications/pregnancy-history';
import { PregnancyNotification, PregnancyNotificationStatus, SpecifiedStatus } from '../pregnancy-notifications/pregnancy-notification.entity';
import { PregnancyNotificationsService } from '../pregnancy-notifications/pregnancy-notifications.service';
import { PregnancyReminders } from '../pregnancy-notifications/pregnancy-reminders';
import { createInTransaction } from '../audit/write-audit';
import {
  CompleteFollowUpDto,
  CreatePregnancyInterviewDto,
  ListPregnancyInterviewsQuery,
  PregnancyInterviewListItem,
  PregnancyInterviewView,
  ScreeningPreviewDto,
  ScreeningResultView,
  UpdatePregnancyInterviewDto,
} from './dto/pregnancy-interview.dto';
import { loadInterviewContext, screeningView, toInterviewView } from './interview-view';
import { INTERVIEW_PLACE_LABELS, InterviewPlace, PregnancyInterview, SUPPORT_NEED_LABELS, SupportNeed } from './pregnancy-interview.entity';
import { finalSupportNeed, ScreeningAnswers, screenSupportNeed } from './support-need.rule';

/** Fields a PATCH may not clear. */
const REQUIRED_FIELDS = [
  'consultantId', 'interviewedOn', 'place', 'weeksAtInterview', 'partnerSituation', 'supportPersons', 'pastIllness', 'mentalIllnessHistory',
  'insomnia', 'lowMood', 'lossOfInterest', 'strongAnxiety', 'smoking', 'drinking', 'publicAssistance', 'insuranceType', 'economicWorry',
  'housingType', 'planningToMove', 'domesticViolence', 'priorChildProtection', 'noPrenatalCheckups', 'pregnancyFeeling', 'requestedServices',
  'supportPlan', 'assessedNeed',
] as const;

type InterviewInput = Omit<CreatePregnancyInterviewDto, 'notificationId' | 'consultantId'>;

@Injectable()
export class PregnancyInterviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly notifications: PregnancyNotificationsService,
    private readonly reminders: PregnancyReminders,
  ) {}

  /**
   * Logs a 妊婦面談: screens the answers, marks the 妊娠届 interviewed (which
   * cancels its "no interview" reminder), schedules the follow-up reminder and,
   * for a 特定妊婦 candidate, asks the supervisors to decide.
   */
  async create(actor: Actor, dto: CreatePregnancyInterviewDto): Promise<PregnancyInterviewView> {
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const n = await this.notifications.lockForWrite(manager, actor, dto.notificationId);
      const consultantId = await this.resolveConsultant(manager, actor, n.officeId, dto.consultantId);
      const { notificationId: _n, consultantId: _c, ...input } = dto;
      const assessed = await this.assess(manager, n, input);
      const repo = manager.getRepository(PregnancyInterview);
      const saved = await repo.save(repo.create({ ...columnsOf(input), ...assessed, notificationId: n.id, officeId: n.officeId, consultantId, createdBy: actor.userId }));
      await this.closeEarlierFollowUps(manager, actor, saved);
      await this.afterChange(manager, actor, n, saved, null);
      return saved.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdatePregnancyInterviewDto): Promise<PregnancyInterviewView> {
    await this.dataSource.transaction(async (manager) => {
      const found = await manager.getRepository(PregnancyInterview).findOne({ where: { id } });
      if (!found) throw notFound('pregnancy interview');
      // Lock order everywhere: the notification, then its interviews.
      const n = await this.notifications.lockForWrite(manager, actor, found.notificationId, 'pregnancy interview');
      const interview = await manager.getRepository(PregnancyInterview).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (interview.version !== dto.version) throw versionConflict();
      const { version: _version, consultantId, ...changes } = definedFields(dto);
      assertNoNulls({ consultantId, ...changes }, REQUIRED_FIELDS);
      const previous = { need: interview.supportNeed, followUpOn: interview.followUpOn };
      if (consultantId !== undefined) interview.consultantId = await this.resolveConsultant(manager, actor, n.officeId, consultantId);
      const input: InterviewInput = { ...inputOf(interview), ...changes };
      const assessed = await this.assess(manager, n, input, changes.assessedNeed === undefined);
      Object.assign(interview, columnsOf(input), assessed);
      if (previous.followUpOn !== interview.followUpOn) {
        // A new follow-up date is a new follow-up: it is open again.
        Object.assign(interview, { followUpDoneAt: null, followUpDoneBy: null, followUpNote: null });
      }
      const saved = await manager.getRepository(PregnancyInterview).save(interview);
      await this.afterChange(manager, actor, n, saved, previous);
    });
    return this.get(actor, id);
  }

  async completeFollowUp(actor: Actor, id: string, dto: CompleteFollowUpDto): Promise<PregnancyInterviewView> {
    await this.dataSource.transaction(async (manager) => {
      const found = await manager.getRepository(PregnancyInterview).findOne({ where: { id } });
      if (!found) throw notFound('pregnancy interview');
      await this.notifications.lockForWrite(manager, actor, found.notificationId, 'pregnancy interview');
      const interview = await manager.getRepository(PregnancyInterview).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (interview.version !== dto.version) throw versionConflict();
      if (interview.followUpOn === null) throw invalidTransition('no_follow_up', 'complete the follow-up', []);
      if (interview.followUpDoneAt !== null) throw invalidTransition('follow_up_done', 'complete the follow-up', []);
      Object.assign(interview, { followUpDoneAt: new Date(), followUpDoneBy: actor.userId, followUpNote: dto.note ?? null });
      await manager.getRepository(PregnancyInterview).save(interview);
      await this.reminders.cancelFollowUps(manager, [interview.id]);
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<PregnancyInterviewView> {
    const manager = this.dataSource.manager;
    const interview = await manager.getRepository(PregnancyInterview).findOne({ where: { id } });
    if (!interview) throw notFound('pregnancy interview');
    const ctx = await loadInterviewContext(manager, interview);
    await this.access.assertPregnancyRecordAccess(manager, actor, { officeId: ctx.office_id, caseId: ctx.case_id }, 'read', 'pregnancy interview');
    return toInterviewView(interview, ctx, actor);
  }

  async list(actor: Actor, query: ListPregnancyInterviewsQuery): Promise<Page<PregnancyInterviewListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    const filter = (sql: string, values: Record<string, unknown>) => {
      where.push(sql);
      Object.assign(params, values);
    };
    if (query.notificationId) filter('i.notification_id = :notificationId', { notificationId: query.notificationId });
    if (query.supportNeed) filter('i.support_need = :supportNeed', { supportNeed: query.supportNeed });
    if (query.consultantId) filter('i.consultant_id = :consultantId', { consultantId: query.consultantId });
    if (query.interviewedFrom) filter('i.interviewed_on >= :from', { from: query.interviewedFrom });
    if (query.interviewedTo) filter('i.interviewed_on <= :to', { to: query.interviewedTo });
    if (query.followUpPending === true) filter('i.follow_up_on IS NOT NULL AND i.follow_up_done_at IS NULL', {});
    if (query.followUpPending === false) filter('(i.follow_up_on IS NULL OR i.follow_up_done_at IS NOT NULL)', {});
    if (query.fiscalYear !== undefined) {
      const range = fiscalYearRange(query.fiscalYear);
      filter('i.interviewed_on BETWEEN :fyFirst AND :fyLast', { fyFirst: range.firstDay, fyLast: range.lastDay });
    }
    // The office's own interviews are read by their office index; those of other offices only through a linked case.
    const parts = this.access.pregnancyRecordScopeParts(actor, 'i.office_id', 'n.case_id');
    const from = (part: number) => (part === 0 ? 'FROM pregnancy_interviews i' : 'FROM pregnancy_interviews i JOIN pregnancy_notifications n ON n.id = i.notification_id');
    const conditions = (scopeSql: string, more: string[] = []) => [scopeSql, ...where, ...more].join(' AND ');
    const manager = this.dataSource.manager;
    const counted = unionOverScope(parts, (scopeSql, part) => `SELECT count(*) AS c ${from(part)} WHERE ${conditions(scopeSql)}`);
    const [{ total }] = await namedRows<{ total: number }>(manager, `SELECT coalesce(sum(c), 0)::int AS total FROM (${counted.sql}) parts`, { ...params, ...counted.params });
    const after = decodeCursor(query.cursor, 2);
    const keyset = after ? ['(i.interviewed_on, i.id) < (:afterOn, :afterId)'] : [];
    if (after) Object.assign(params, { afterOn: after[0], afterId: after[1] });
    const page = unionOverScope(parts, (scopeSql, part) => `SELECT i.id ${from(part)} WHERE ${conditions(scopeSql, keyset)} ORDER BY i.interviewed_on DESC, i.id DESC LIMIT :limit`);
    const rows = await namedRows<{
      id: string;
      notification_id: string;
      mother_id: string;
      name_kanji: string;
      name_kana: string;
      birth_date: string | null;
      interviewed_on: string;
      place: InterviewPlace;
      consultant_name: string;
      support_need: SupportNeed;
      follow_up_on: string | null;
      follow_up_done: boolean;
    }>(
      manager,
      `WITH page AS (${page.sql})
       SELECT i.id, i.notification_id, p.id AS mother_id, p.name_kanji, p.name_kana, p.birth_date, i.interviewed_on, i.place,
              u.display_name AS consultant_name, i.support_need, i.follow_up_on, i.follow_up_done_at IS NOT NULL AS follow_up_done
         FROM page JOIN pregnancy_interviews i ON i.id = page.id JOIN pregnancy_notifications n ON n.id = i.notification_id
         JOIN persons p ON p.id = n.mother_id JOIN users u ON u.id = i.consultant_id
        ORDER BY i.interviewed_on DESC, i.id DESC LIMIT :limit`,
      { ...params, ...page.params },
    );
    const result = toPage(rows, limit, (r) => [r.interviewed_on, r.id]);
    return {
      items: result.items.map((r) => ({
        id: r.id,
        notificationId: r.notification_id,
        mother: { id: r.mother_id, nameKanji: r.name_kanji, nameKana: r.name_kana, birthDate: r.birth_date },
        interviewedOn: r.interviewed_on,
        place: r.place,
        placeLabel: INTERVIEW_PLACE_LABELS[r.place],
        consultantName: r.consultant_name,
        supportNeed: r.support_need,
        supportNeedLabel: SUPPORT_NEED_LABELS[r.support_need],
        followUpOn: r.follow_up_on,
        followUpDone: r.follow_up_done,
      })),
      nextCursor: result.nextCursor,
      total,
    };
  }

  /** The screening rule on answers not yet saved, so the form can show the result while the consultant types. */
  preview(dto: ScreeningPreviewDto): ScreeningResultView {
    const result = screenSupportNeed(dto, { motherAgeOnInterview: dto.motherAgeOnInterview ?? null, weeksAtFiling: dto.weeksAtFiling, multiplePregnancy: dto.multiplePregnancy });
    return screeningView(result.need, result.factors);
  }

  /** Date checks, the screening rule and the consultant's judgement; 400 with every field problem at once. */
  /** `judgementFromRecord`: the judgement was stored earlier, not sent now; it lapses when the new answers screen as high. */
  private async assess(manager: EntityManager, n: PregnancyNotification, input: InterviewInput, judgementFromRecord = false) {
    const errors: FieldError[] = checkInterviewDates(
      { interviewedOn: input.interviewedOn, weeksAtInterview: input.weeksAtInterview, followUpOn: input.followUpOn ?? null, movePlannedOn: input.movePlannedOn ?? null, planningToMove: input.planningToMove },
      n,
      todayInJapan(),
    );
    const [mother] = await manager.query(`SELECT birth_date FROM persons WHERE id = $1`, [n.motherId]);
    const birthDate = (mother as { birth_date: string | null }).birth_date;
    const screening = screenSupportNeed(input as ScreeningAnswers, {
      motherAgeOnInterview: birthDate ? ageOn(birthDate, input.interviewedOn) : null,
      weeksAtFiling: n.weeksAtFiling,
      multiplePregnancy: n.multiplePregnancy,
    });
    const final = finalSupportNeed(screening.need, input.assessedNeed);
    if (final.lowered && !judgementFromRecord) {
      errors.push({ field: 'assessedNeed', code: 'below_screening', message: `スクリーニング結果（${SUPPORT_NEED_LABELS[screening.need]}）より低い判定にはできません。` });
    }
    if (final.raised && !input.needRaisedReason) {
      errors.push({ field: 'needRaisedReason', code: 'required', message: 'スクリーニング結果より高く判定する理由を入力してください。' });
    }
    if (errors.length) throw validationFailed(errors, 'The interview has invalid fields.');
    return { screenedNeed: screening.need, screeningFactors: screening.factors, supportNeed: final.need, needRaisedReason: final.raised ? (input.needRaisedReason ?? null) : null };
  }

  /** The interviewer: the caller, or an active consultant or supervisor of the notification's office. */
  private async resolveConsultant(manager: EntityManager, actor: Actor, officeId: string, consultantId: string | undefined): Promise<string> {
    if (consultantId === undefined || consultantId === actor.userId) return actor.userId;
    const rows: unknown[] = await manager.query(`SELECT 1 FROM users WHERE id = $1 AND office_id = $2 AND active AND roles && '{consultant,supervisor}'::user_role[]`, [consultantId, officeId]);
    if (rows.length === 0) throw validationFailed([{ field: 'consultantId', code: 'not_office_consultant', message: '面談者はこの保健相談所の相談員・保健師を指定してください。' }]);
    return consultantId;
  }

  /** A new interview is the follow-up of the earlier ones: their open follow-ups are done, and their reminders cancelled. */
  private async closeEarlierFollowUps(manager: EntityManager, actor: Actor, interview: PregnancyInterview): Promise<void> {
    const closed = await sqlRows<{ id: string }>(
      manager,
      `UPDATE pregnancy_interviews SET follow_up_done_at = now(), follow_up_done_by = $3, follow_up_note = '後続の面談で対応', version = version + 1, updated_at = now()
        WHERE notification_id = $1 AND id <> $2 AND follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND interviewed_on <= $4
        RETURNING id`,
      [interview.notificationId, interview.id, actor.userId, interview.interviewedOn],
    );
    await this.reminders.cancelFollowUps(manager, closed.map((r) => r.id));
  }

  /**
   * Keeps the 妊娠届 in step with its interviews: interviewed (first interview
   * date), 特定妊婦 candidate or not, and the reminders of both.
   */
  private async afterChange(manager: EntityManager, actor: Actor, n: PregnancyNotification, interview: PregnancyInterview, previous: { need: SupportNeed; followUpOn: string | null } | null): Promise<void> {
    const [{ first }] = await manager.query(`SELECT min(interviewed_on) AS first FROM pregnancy_interviews WHERE notification_id = $1`, [n.id]);
    const wasInterviewed = n.status === PregnancyNotificationStatus.Interviewed;
    n.status = PregnancyNotificationStatus.Interviewed;
    n.firstInterviewedOn = first as string;
    n.unreachableSince = null;

    const candidate = SupportNeed.SpecifiedExpectantMotherCandidate;
    const isCandidate = interview.supportNeed === candidate;
    const wasCandidate = previous?.need === candidate;
    let specifiedAction: PregnancyHistoryAction | null = null;
    if (isCandidate && !wasCandidate && (n.specifiedStatus === SpecifiedStatus.None || n.specifiedStatus === SpecifiedStatus.NotConfirmed)) {
      // New information after a "not 特定妊婦" decision puts the question to the supervisor again.
      n.specifiedStatus = SpecifiedStatus.Candidate;
      n.specifiedInterviewId = interview.id;
      specifiedAction = PregnancyHistoryAction.SpecifiedCandidate;
    } else if (wasCandidate && !isCandidate && n.specifiedStatus === SpecifiedStatus.Candidate && n.specifiedInterviewId === interview.id) {
      const [other] = await manager.query(
        `SELECT id FROM pregnancy_interviews WHERE notification_id = $1 AND id <> $2 AND support_need = $3 ORDER BY interviewed_on DESC, created_at DESC LIMIT 1`,
        [n.id, interview.id, candidate],
      );
      n.specifiedInterviewId = (other as { id: string } | undefined)?.id ?? null;
      if (!other) {
        n.specifiedStatus = SpecifiedStatus.None;
        specifiedAction = PregnancyHistoryAction.SpecifiedCandidateWithdrawn;
      }
    }
    const saved = await manager.getRepository(PregnancyNotification).save(n);
    if (!wasInterviewed) await recordPregnancyHistory(manager, saved, PregnancyHistoryAction.Interviewed, actor.userId);
    if (specifiedAction) await recordPregnancyHistory(manager, saved, specifiedAction, actor.userId);

    await this.reminders.cancelInterviewOverdue(manager, n.id);
    // A follow-up date already past when the interview is logged still reminds: the follow-up is overdue.
    if (interview.followUpOn !== null && interview.followUpDoneAt === null) {
      await this.reminders.scheduleFollowUp(manager, { id: interview.id, consultantId: interview.consultantId, followUpOn: interview.followUpOn }, n.officeId);
    } else if (previous !== null) {
      await this.reminders.cancelFollowUps(manager, [interview.id]);
    }
    if (specifiedAction === PregnancyHistoryAction.SpecifiedCandidate) await this.reminders.notifySpecifiedCandidate(manager, n);
  }
}

/** The interview's own columns from the request (absent optional text becomes null). */
function columnsOf(input: InterviewInput) {
  return {
    interviewedOn: input.interviewedOn,
    place: input.place,
    weeksAtInterview: input.weeksAtInterview,
    partnerSituation: input.partnerSituation,
    supportPersons: input.supportPersons,
    supportNote: input.supportNote ?? null,
    pastIllness: input.pastIllness,
    pastIllnessNote: input.pastIllnessNote ?? null,
    mentalIllnessHistory: input.mentalIllnessHistory,
    insomnia: input.insomnia,
    lowMood: input.lowMood,
    lossOfInterest: input.lossOfInterest,
    strongAnxiety: input.strongAnxiety,
    healthNote: input.healthNote ?? null,
    smoking: input.smoking,
    drinking: input.drinking,
    publicAssistance: input.publicAssistance,
    insuranceType: input.insuranceType,
    economicWorry: input.economicWorry,
    economicNote: input.economicNote ?? null,
    housingType: input.housingType,
    planningToMove: input.planningToMove,
    movePlannedOn: input.movePlannedOn ?? null,
    housingNote: input.housingNote ?? null,
    domesticViolence: input.domesticViolence,
    priorChildProtection: input.priorChildProtection,
    noPrenatalCheckups: input.noPrenatalCheckups,
    pregnancyFeeling: input.pregnancyFeeling,
    feelingNote: input.feelingNote ?? null,
    requestedServices: input.requestedServices ?? [],
    wishes: input.wishes ?? null,
    supportPlan: input.supportPlan,
    followUpOn: input.followUpOn ?? null,
  };
}

/** The stored interview as request input, to merge a PATCH into. */
function inputOf(i: PregnancyInterview): InterviewInput {
  const needRaised = i.supportNeed !== i.screenedNeed;
  return { ...columnsOf(i as unknown as InterviewInput), assessedNeed: needRaised ? i.supportNeed : undefined, needRaisedReason: i.needRaisedReason };
}
