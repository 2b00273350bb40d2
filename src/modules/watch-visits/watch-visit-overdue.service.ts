import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, ScopeCondition } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { todayInJapan } from '../../common/time/japan-time';
import { namedRows } from '../../database/named-sql';
import { OverdueGroupView, OverdueSummaryQuery, OverdueSummaryView, OverdueVisitsQuery, OverdueVisitView } from './dto/overdue.dto';
import { ESCALATE_AFTER_WORKING_DAYS, overdueCutoff, overdueFacts } from './overdue';

/**
 * Overdue watch visits: active plans whose due date has passed, in the
 * caller's case scope, judged on a given day. Filtering and counting are
 * set-based SQL; the escalation threshold in working days becomes a date
 * cutoff computed once per request (`overdueCutoff`).
 */
@Injectable()
export class WatchVisitOverdueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async list(actor: Actor, query: OverdueVisitsQuery): Promise<Page<OverdueVisitView> & { asOf: string }> {
    const asOf = query.asOf ?? todayInJapan();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sql = overdueListSql(this.access, actor, asOf, query);
    const [{ total }] = await namedRows<{ total: number }>(this.dataSource, sql.count, sql.params);
    const after = decodeCursor(query.cursor, 2);
    const rows = await namedRows<OverdueRow>(this.dataSource, sql.page(after !== null), {
      ...sql.params,
      ...(after ? { afterDue: after[0], afterId: after[1] } : {}),
      limit: limit + 1,
    });
    const items = rows.map(
      (r): OverdueVisitView => ({
        id: r.id,
        caseId: r.case_id,
        caseNumber: r.case_number,
        caseLabel: r.case_label,
        officeId: r.office_id,
        responsibleWorkerId: r.responsible_worker_id,
        responsibleWorkerName: r.responsible_worker_name,
        nextDueOn: r.next_due_on,
        lastVisitOn: r.last_visit_on,
        ...overdueFacts(r.next_due_on, asOf),
      }),
    );
    return { ...toPage(items, limit, (v) => [v.nextDueOn, v.id]), total, asOf };
  }

  /** Counts per responsible worker and per office, with the share of active plans that are late. */
  async summary(actor: Actor, query: OverdueSummaryQuery): Promise<OverdueSummaryView> {
    const asOf = query.asOf ?? todayInJapan();
    const sql = overdueSummarySql(this.access, actor, asOf);
    const rows = await namedRows<SummaryRow>(this.dataSource, sql.text, sql.params);
    const view = (r: SummaryRow): OverdueGroupView => ({
      id: r.id,
      name: r.name,
      ...(!r.is_office && r.worker_office_id ? { officeId: r.worker_office_id } : {}),
      overdue: r.overdue,
      escalated: r.escalated,
      maxDaysOverdue: r.max_days_overdue,
      activePlans: r.active_plans,
    });
    const byOffice = rows.filter((r) => r.is_office);
    return {
      asOf,
      overdue: byOffice.reduce((sum, r) => sum + r.overdue, 0),
      escalated: byOffice.reduce((sum, r) => sum + r.escalated, 0),
      byWorker: rows.filter((r) => !r.is_office).map(view),
      byOffice: byOffice.map(view),
    };
  }
}

/** One group of `overdueSummarySql`: a responsible worker's plans, or an office's. */
interface SummaryRow {
  is_office: boolean;
  id: string;
  name: string;
  worker_office_id: string | null;
  overdue: number;
  escalated: number;
  max_days_overdue: number;
  active_plans: number;
}

/**
 * The overdue summary as one statement: the plans in scope read once and
 * grouped both by responsible worker and by office (GROUPING SETS), workers
 * first (most overdue, then longest overdue), then offices (most overdue).
 * A supervisor's scope is the narrowing itself, and plans carry their case's
 * office and open state (triggers), so a supervisor's summary reads the plans
 * alone; anyone else's scope needs the case. Two statements over plans and
 * cases took 100-120 ms for an office of 30,000 active plans at the 1m scale.
 */
export function overdueSummarySql(access: AccessService, actor: Actor, asOf: string): { text: string; params: Record<string, unknown> } {
  const base = overdueBaseFilter(access, actor, asOf);
  const narrowing = access.officeOrSharedNarrowing(actor, 'p.office_id', 'p.case_id');
  const [from, filter, params] = access.narrowingIsScope(actor)
    ? ['watch_visit_plans p', activeOpenPlans(narrowing.sql), { ...narrowing.params, asOf }]
    : ['watch_visit_plans p JOIN cases c ON c.id = p.case_id', base.filter, base.params];
  return {
    text: `
      WITH groups AS (
        SELECT grouping(p.responsible_worker_id) = 1 AS is_office, p.responsible_worker_id AS worker_id, p.office_id,
               count(*) FILTER (WHERE p.next_due_on < :asOf)::int AS overdue,
               count(*) FILTER (WHERE p.next_due_on <= :cutoff)::int AS escalated,
               coalesce(max(:asOf::date - p.next_due_on) FILTER (WHERE p.next_due_on < :asOf), 0)::int AS max_days_overdue,
               count(*)::int AS active_plans
          FROM ${from}
         WHERE ${filter}
         GROUP BY GROUPING SETS ((p.responsible_worker_id), (p.office_id)))
      SELECT g.is_office, coalesce(u.id, o.id) AS id, coalesce(u.display_name, o.name) AS name, u.office_id AS worker_office_id,
             g.overdue, g.escalated, g.max_days_overdue, g.active_plans
        FROM groups g
        LEFT JOIN users u ON NOT g.is_office AND u.id = g.worker_id
        LEFT JOIN offices o ON g.is_office AND o.id = g.office_id
       WHERE u.id IS NOT NULL OR o.id IS NOT NULL
       ORDER BY g.is_office, g.overdue DESC, CASE WHEN g.is_office THEN 0 ELSE g.max_days_overdue END DESC, name, id`,
    params: { ...params, cutoff: overdueCutoff(asOf, ESCALATE_AFTER_WORKING_DAYS) },
  };
}

interface OverdueRow {
  id: string;
  case_id: string;
  case_number: string;
  case_label: string;
  office_id: string;
  responsible_worker_id: string;
  responsible_worker_name: string;
  next_due_on: string;
  last_visit_on: string | null;
}

/**
 * The overdue list's statements, with named parameters (`:limit`, and
 * `:afterDue`/`:afterId` for a keyset page), built here so the bench's bare
 * handler runs exactly the same SQL. The count reads the office's overdue
 * plans through the narrowing's OR; a page reads the office's own plans and
 * those of cases shared with it each in due order from an index, and merges
 * them, so it stops after a page instead of sorting every overdue plan.
 */
export function overdueListSql(
  access: AccessService,
  actor: Actor,
  asOf: string,
  filters: Pick<OverdueVisitsQuery, 'escalatedOnly' | 'responsibleWorkerId' | 'officeId'>,
): { count: string; page: (keyset: boolean) => string; params: Record<string, unknown> } {
  const base = overdueBaseFilter(access, actor, asOf);
  const parts = access.officeOrSharedPartitions(actor, 'p.office_id', 'p.case_id');
  const params: Record<string, unknown> = { ...base.params, ...parts[0].params };
  const extra = ['p.next_due_on < :asOf'];
  if (filters.escalatedOnly) (extra.push('p.next_due_on <= :cutoff'), (params.cutoff = overdueCutoff(asOf, ESCALATE_AFTER_WORKING_DAYS)));
  if (filters.responsibleWorkerId) (extra.push('p.responsible_worker_id = :workerId'), (params.workerId = filters.responsibleWorkerId));
  if (filters.officeId) (extra.push('p.office_id = :officeId'), (params.officeId = filters.officeId));
  const part = (i: number, keyset: boolean) => `(
    SELECT p.id, p.case_id, c.case_number, c.label AS case_label, c.office_id, p.responsible_worker_id, p.next_due_on, p.last_visit_on
      FROM watch_visit_plans p
      JOIN cases c ON c.id = p.case_id
     WHERE ${overdueBaseFilter(access, actor, asOf, parts[i]).filter} AND ${extra.join(' AND ')}
           ${keyset ? 'AND (p.next_due_on, p.id) > (:afterDue::date, :afterId::uuid)' : ''}
     ORDER BY p.next_due_on, p.id LIMIT :limit)`;
  return {
    // A supervisor's scope is the narrowing itself, and plans carry their case's office and open state (triggers):
    // their count reads the plans alone. Anyone else's scope needs the case.
    count: access.narrowingIsScope(actor)
      ? `SELECT (${[0, 1].map((i) => `(SELECT count(*) FROM watch_visit_plans p WHERE ${activeOpenPlans(parts[i].sql)} AND ${extra.join(' AND ')})`).join(' + ')})::int AS total`
      : `SELECT count(*)::int AS total FROM watch_visit_plans p JOIN cases c ON c.id = p.case_id WHERE ${base.filter} AND ${extra.join(' AND ')}`,
    // The worker's name is looked up for the page's rows only: joined inside a part, a misestimated scope condition
    // (a consultant's: 1 row expected, 2,102 found) made it a loop over every user for every overdue plan (150 ms).
    page: (keyset) => `
      SELECT page.*, (SELECT w.display_name FROM users w WHERE w.id = page.responsible_worker_id) AS responsible_worker_name
        FROM (SELECT * FROM (${part(0, keyset)} UNION ALL ${part(1, keyset)}) AS merged ORDER BY merged.next_due_on, merged.id LIMIT :limit) AS page
       ORDER BY page.next_due_on, page.id`,
    params,
  };
}

/**
 * The plans the overdue summary, counts and export look at — active plans of
 * open cases in the caller's scope; a closed case has nothing overdue — as SQL
 * over `p` (plan) and `c` (its case). The office narrowing and the plan's own
 * copy of its case's state (`case_open`) let the office's active plans be read
 * from their index; the case scope alone decides.
 * A list page passes one of the narrowing's two partitions instead.
 */
export function overdueBaseFilter(
  access: AccessService,
  actor: Actor,
  asOf: string,
  narrowing: ScopeCondition = access.officeOrSharedNarrowing(actor, 'p.office_id', 'p.case_id'),
): { filter: string; params: Record<string, unknown> } {
  const scope = access.caseScopeCondition(actor, 'c');
  return {
    filter: `${activeOpenPlans(narrowing.sql)} AND c.status <> 'closed' AND ${scope.sql}`,
    params: { ...narrowing.params, ...scope.params, asOf },
  };
}

/**
 * The plans the overdue views look at, over `p`: active plans of open cases
 * (the plan's own copy of its case's state), under an office narrowing of
 * the plan's office. For a supervisor the narrowing is the whole scope, so
 * this alone decides; anyone else's scope is added on the case.
 */
function activeOpenPlans(narrowingSql: string): string {
  return `p.status = 'active' AND p.case_open AND ${narrowingSql}`;
}
