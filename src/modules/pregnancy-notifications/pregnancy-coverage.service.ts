import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { daysBetween, fiscalYearLabel, fiscalYearOf, fiscalYearRange, todayInJapan } from '../../common/time/japan-time';
import { CoverageQuery, CoverageReport, CoverageRow } from './dto/coverage.dto';
import { WaitingListQuery, WaitingNotificationView } from './dto/pregnancy-notification.dto';
import { namedRows } from '../../database/named-sql';
import { weeksOn } from './pregnancy-dates';
import { PREGNANCY_NOTIFICATION_STATUS_LABELS, PregnancyNotificationStatus } from './pregnancy-notification.entity';

interface WaitingRow {
  id: string;
  mother_id: string;
  name_kanji: string;
  name_kana: string;
  birth_date: string | null;
  filed_on: string;
  weeks_at_filing: number;
  due_date: string;
  status: PregnancyNotificationStatus;
  attempts: number;
  last_attempt_on: string | null;
}

interface CoverageSqlRow {
  office_id: string | null;
  office_code: string | null;
  office_name: string | null;
  notifications: number;
  interviewed: number;
  unreachable: number;
  median_days: number | null;
  is_total: number;
}

/** 面談率 (coverage) measures and the work list of mothers not interviewed yet. */
@Injectable()
export class PregnancyCoverageService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The office's 妊娠届 without an interview (面談未実施 and 連絡不通), oldest
   * first with the days waiting: the consultants' daily work list. It is the
   * receiving office's own queue, so it is filtered to the caller's office
   * (narrower than the read scope, which also lets a centre read linked ones).
   */
  async waiting(actor: Actor, query: WaitingListQuery): Promise<Page<WaitingNotificationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where = [`n.office_id = :office`, `n.status <> 'interviewed'`];
    const params: Record<string, unknown> = { office: actor.officeId, limit: limit + 1 };
    if (query.unreachable !== undefined) {
      where.push('n.status = :status');
      params.status = query.unreachable ? PregnancyNotificationStatus.Unreachable : PregnancyNotificationStatus.Filed;
    }
    const manager = this.dataSource.manager;
    const [{ total }] = await namedRows<{ total: number }>(manager, `SELECT count(*)::int AS total FROM pregnancy_notifications n WHERE ${where.join(' AND ')}`, params);
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      where.push('(n.filed_on, n.id) > (:afterFiled, :afterId)');
      Object.assign(params, { afterFiled: after[0], afterId: after[1] });
    }
    const rows = await namedRows<WaitingRow>(
      manager,
      `SELECT n.id, n.mother_id, p.name_kanji, p.name_kana, p.birth_date, n.filed_on, n.weeks_at_filing, n.due_date, n.status,
              (SELECT count(*)::int FROM pregnancy_contact_attempts a WHERE a.notification_id = n.id) AS attempts,
              (SELECT max(a.attempted_on) FROM pregnancy_contact_attempts a WHERE a.notification_id = n.id) AS last_attempt_on
         FROM pregnancy_notifications n JOIN persons p ON p.id = n.mother_id
        WHERE ${where.join(' AND ')}
        ORDER BY n.filed_on, n.id LIMIT :limit`,
      params,
    );
    const today = todayInJapan();
    const page = toPage(rows, limit, (r) => [r.filed_on, r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        mother: { id: r.mother_id, nameKanji: r.name_kanji, nameKana: r.name_kana, birthDate: r.birth_date },
        filedOn: r.filed_on,
        daysWaiting: Math.max(0, daysBetween(r.filed_on, today)),
        weeksAtFiling: r.weeks_at_filing,
        weeksToday: weeksOn(today, r.due_date),
        dueDate: r.due_date,
        status: r.status,
        statusLabel: PREGNANCY_NOTIFICATION_STATUS_LABELS[r.status],
        contactAttempts: r.attempts,
        lastAttemptOn: r.last_attempt_on,
      })),
      nextCursor: page.nextCursor,
      total,
    };
  }

  /**
   * Coverage per 保健相談所 for a fiscal year: of the 妊娠届 filed in the year,
   * how many have been interviewed (at any date), and the median days from
   * filing to the first interview. One set-based query; administrators see
   * every office and the ward total (counts only, no case content), staff
   * their own office.
   */
  async coverage(actor: Actor, query: CoverageQuery): Promise<CoverageReport> {
    const fiscalYear = query.fiscalYear ?? fiscalYearOf(todayInJapan());
    const range = fiscalYearRange(fiscalYear);
    const wardWide = hasRole(actor, Role.Admin);
    const officeFilter = wardWide ? 'true' : 'o.id = :office';
    const rows = await namedRows<CoverageSqlRow>(
      this.dataSource.manager,
      `SELECT o.id AS office_id, o.code AS office_code, o.name AS office_name,
              count(n.office_id)::int AS notifications,
              count(n.first_interviewed_on)::int AS interviewed,
              count(*) FILTER (WHERE n.status = 'unreachable')::int AS unreachable,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY n.first_interviewed_on - n.filed_on) AS median_days,
              GROUPING(o.id, o.code, o.name) AS is_total
         FROM offices o
         LEFT JOIN pregnancy_notifications n ON n.office_id = o.id AND n.filed_on BETWEEN :first AND :last
        WHERE o.type = 'health_center' AND ${officeFilter}
        GROUP BY GROUPING SETS ((o.id, o.code, o.name), ())
        ORDER BY GROUPING(o.id, o.code, o.name), o.code`,
      { first: range.firstDay, last: range.lastDay, office: actor.officeId },
    );
    const offices = rows.filter((r) => r.is_total === 0).map(toCoverageRow);
    const total = rows.find((r) => r.is_total !== 0);
    return {
      fiscalYear,
      fiscalYearLabel: fiscalYearLabel(fiscalYear),
      from: range.firstDay,
      to: range.lastDay,
      offices,
      ward: wardWide && total ? toCoverageRow({ ...total, office_name: '練馬区全体' }) : null,
    };
  }
}

function toCoverageRow(r: CoverageSqlRow): CoverageRow {
  return {
    officeId: r.office_id,
    officeCode: r.office_code,
    officeName: r.office_name ?? '',
    notifications: r.notifications,
    interviewed: r.interviewed,
    notInterviewed: r.notifications - r.interviewed,
    unreachable: r.unreachable,
    coverage: r.notifications > 0 ? Math.round((r.interviewed / r.notifications) * 10_000) / 10_000 : null,
    medianDaysToInterview: r.median_days === null ? null : Math.round(r.median_days * 10) / 10,
  };
}
