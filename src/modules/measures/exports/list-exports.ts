import { AccessService } from '../../../common/access/access.service';
import { Actor } from '../../../common/auth/actor';
import { daysBetween, fiscalYearRange, todayInJapan } from '../../../common/time/japan-time';
import { CASE_STATUS_LABELS, CaseStatus, SUPPORT_LEVEL_LABELS, SupportLevel } from '../../cases/entities/case.entity';
import { PREGNANCY_NOTIFICATION_STATUS_LABELS, PregnancyNotificationStatus } from '../../pregnancy-notifications/pregnancy-notification.entity';
import { REFERRAL_STATE_LABELS, REFERRAL_URGENCY_LABELS, ReferralState, ReferralUrgency } from '../../referrals/referral.enums';
import { overdueBaseFilter } from '../../watch-visits/watch-visit-overdue.service';
import { ExportCasesQuery, ExportCoverageGapsQuery, ExportOverdueVisitsQuery, ExportReferralsQuery } from '../dto/export.dto';
import { KeysetSource } from './keyset-batches';
import { ExportColumn } from './tabular-stream';

/** One exportable list: its file names, its columns (Japanese headers) and its rows, in the caller's scope. */
export interface ListExport<Row> {
  /** ASCII file name stem. */
  fileName: string;
  title: string;
  columns: ExportColumn<Row>[];
  source: KeysetSource;
}

interface CaseRow {
  _k1: string;
  _k2: string;
  case_number: string;
  label: string;
  support_level: SupportLevel;
  status: CaseStatus;
  lead_worker: string | null;
  opened_on: string;
  next_review_on: string | null;
  office_name: string;
}

/** ケース一覧: the same scope as GET /cases (AccessService.caseScopeCondition), newest opened first. */
export function casesExport(access: AccessService, actor: Actor, query: ExportCasesQuery): ListExport<CaseRow> {
  const scope = access.caseScopeCondition(actor, 'c');
  const where = [scope.sql];
  const params: Record<string, unknown> = { ...scope.params };
  if (query.status) (where.push('c.status = :status'), (params.status = query.status));
  if (query.supportLevel) (where.push('c.support_level = :supportLevel'), (params.supportLevel = query.supportLevel));
  return {
    fileName: 'cases',
    title: 'ケース一覧',
    columns: [
      { header: 'ケース番号', value: (r) => r.case_number, width: 14 },
      { header: '世帯名', value: (r) => r.label, width: 24 },
      { header: '支援区分', value: (r) => SUPPORT_LEVEL_LABELS[r.support_level] },
      { header: '状態', value: (r) => CASE_STATUS_LABELS[r.status] },
      { header: '主担当', value: (r) => r.lead_worker, width: 16 },
      { header: '受理日', value: (r) => r.opened_on, width: 12 },
      { header: '次回進行管理日', value: (r) => r.next_review_on, width: 14 },
      { header: '担当事業所', value: (r) => r.office_name, width: 28 },
    ],
    source: {
      select: `c.opened_on::text AS _k1, c.id AS _k2, c.case_number, c.label, c.support_level, c.status, u.display_name AS lead_worker,
               c.opened_on::text AS opened_on, c.next_review_on::text AS next_review_on, o.name AS office_name`,
      from: 'cases c JOIN offices o ON o.id = c.office_id LEFT JOIN users u ON u.id = c.lead_worker_id',
      where: where.join(' AND '),
      params,
      keys: ['c.opened_on', 'c.id'],
      keyTypes: ['date', 'uuid'],
      descending: true,
    },
  };
}

interface OverdueRow {
  _k1: string;
  _k2: string;
  case_number: string;
  label: string;
  worker: string;
  next_due_on: string;
  last_visit_on: string | null;
}

/** 見守り訪問 期限超過: the same rows as GET /watch-visits/overdue (active plans of open cases in case scope, due before the day judged). */
export function overdueVisitsExport(access: AccessService, actor: Actor, query: ExportOverdueVisitsQuery): ListExport<OverdueRow> {
  const asOf = query.asOf ?? todayInJapan();
  const base = overdueBaseFilter(access, actor, asOf);
  return {
    fileName: 'overdue-visits',
    title: '見守り訪問 期限超過一覧',
    columns: [
      { header: 'ケース番号', value: (r) => r.case_number, width: 14 },
      { header: '世帯名', value: (r) => r.label, width: 24 },
      { header: '担当者', value: (r) => r.worker, width: 16 },
      { header: '訪問予定日', value: (r) => r.next_due_on, width: 12 },
      { header: '最終訪問日', value: (r) => r.last_visit_on, width: 12 },
      { header: '超過日数', value: (r) => daysBetween(r.next_due_on, asOf) },
    ],
    source: {
      select: `p.next_due_on::text AS _k1, p.id AS _k2, c.case_number, c.label, u.display_name AS worker,
               p.next_due_on::text AS next_due_on, p.last_visit_on::text AS last_visit_on`,
      from: 'watch_visit_plans p JOIN cases c ON c.id = p.case_id JOIN users u ON u.id = p.responsible_worker_id',
      where: `${base.filter} AND p.next_due_on < :asOf`,
      params: base.params,
      keys: ['p.next_due_on', 'p.id'],
      keyTypes: ['date', 'uuid'],
    },
  };
}

interface GapRow {
  _k1: string;
  _k2: string;
  filed_on: string;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  due_date: string;
  status: PregnancyNotificationStatus;
  attempts: number;
}

/**
 * 未面談の妊婦 (coverage gaps): the office's 妊娠届 without an interview, the
 * same rows as GET /pregnancy-notifications/not-interviewed (the receiving
 * office's own work list), optionally of one fiscal year, oldest first.
 */
export function coverageGapsExport(actor: Actor, query: ExportCoverageGapsQuery): ListExport<GapRow> {
  const where = [`n.office_id = :office`, `n.status <> 'interviewed'`];
  const params: Record<string, unknown> = { office: actor.officeId };
  if (query.fiscalYear !== undefined) {
    const range = fiscalYearRange(query.fiscalYear);
    where.push('n.filed_on BETWEEN :firstDay AND :lastDay');
    Object.assign(params, { firstDay: range.firstDay, lastDay: range.lastDay });
  }
  const today = todayInJapan();
  return {
    fileName: 'coverage-gaps',
    title: '妊婦面談 未実施一覧',
    columns: [
      { header: '届出日', value: (r) => r.filed_on, width: 12 },
      { header: '氏名', value: (r) => r.name_kanji, width: 18 },
      { header: '氏名（カナ）', value: (r) => r.name_kana, width: 20 },
      { header: '生年月日', value: (r) => r.birth_date, width: 12 },
      { header: '出産予定日', value: (r) => r.due_date, width: 12 },
      { header: '状態', value: (r) => PREGNANCY_NOTIFICATION_STATUS_LABELS[r.status] },
      { header: '待機日数', value: (r) => Math.max(0, daysBetween(r.filed_on, today)) },
      { header: '連絡回数', value: (r) => r.attempts },
    ],
    source: {
      select: `n.filed_on::text AS _k1, n.id AS _k2, n.filed_on::text AS filed_on, p.name_kanji, p.name_kana, p.birth_date::text AS birth_date,
               n.due_date::text AS due_date, n.status, (SELECT count(*)::int FROM pregnancy_contact_attempts a WHERE a.notification_id = n.id) AS attempts`,
      from: 'pregnancy_notifications n JOIN persons p ON p.id = n.mother_id',
      where: where.join(' AND '),
      params,
      keys: ['n.filed_on', 'n.id'],
      keyTypes: ['date', 'uuid'],
    },
  };
}

interface ReferralRow {
  _k1: string;
  _k2: string;
  created_on: string;
  case_number: string;
  office_name: string;
  state: ReferralState;
  urgency: ReferralUrgency;
  submitted_on: string | null;
  approved_on: string | null;
  sent_on: string | null;
  answered_on: string | null;
}

/** 送致一覧: the scope of GET /referrals (AccessService.referralScopeCondition: the case's office under case scope, the liaison once approved), newest first. */
export function referralsExport(access: AccessService, actor: Actor, query: ExportReferralsQuery): ListExport<ReferralRow> {
  const scope = access.referralScopeCondition(actor, 'r', 'c');
  const where = [scope.sql];
  const params: Record<string, unknown> = { ...scope.params };
  if (query.state) (where.push('r.state = :state'), (params.state = query.state));
  const jst = (column: string) => `(${column} AT TIME ZONE 'Asia/Tokyo')::date::text`;
  return {
    fileName: 'referrals',
    title: '送致一覧',
    columns: [
      { header: '作成日', value: (r) => r.created_on, width: 12 },
      { header: 'ケース番号', value: (r) => r.case_number, width: 14 },
      { header: '事業所', value: (r) => r.office_name, width: 28 },
      { header: '状態', value: (r) => REFERRAL_STATE_LABELS[r.state] },
      { header: '緊急度', value: (r) => REFERRAL_URGENCY_LABELS[r.urgency] },
      { header: '提出日', value: (r) => r.submitted_on, width: 12 },
      { header: '承認日', value: (r) => r.approved_on, width: 12 },
      { header: '送付日', value: (r) => r.sent_on, width: 12 },
      { header: '回答日', value: (r) => r.answered_on, width: 12 },
    ],
    source: {
      select: `r.created_at::text AS _k1, r.id AS _k2, ${jst('r.created_at')} AS created_on, c.case_number, o.name AS office_name, r.state, r.urgency,
               ${jst('r.first_submitted_at')} AS submitted_on, ${jst('r.approved_at')} AS approved_on, r.sent_on::text AS sent_on, r.answered_on::text AS answered_on`,
      from: 'referrals r JOIN cases c ON c.id = r.case_id JOIN offices o ON o.id = r.office_id',
      where: where.join(' AND '),
      params,
      keys: ['r.created_at', 'r.id'],
      keyTypes: ['timestamptz', 'uuid'],
      descending: true,
    },
  };
}
