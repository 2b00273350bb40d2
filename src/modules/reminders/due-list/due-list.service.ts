import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../../../common/auth/actor';
import { Role } from '../../../common/auth/roles';
import { forbidden } from '../../../common/problem/problem';
import { addDays, JapanDate, japanDateOf, japanDateTime, todayInJapan } from '../../../common/time/japan-time';
import { sqlRows } from '../../../database/sql';
import { ReminderStage, ReminderState } from '../reminder.entity';
import { RecipientResolverRegistry, UserParams } from '../recipients/recipient-resolver.registry';
import { DueGroup, DueItem, DueList, DueListQuery } from './due-list.dto';

const UPCOMING_DAYS = 7;

export interface DueListRow {
  id: string;
  stage: ReminderStage;
  state: ReminderState;
  rule: string;
  subject_type: string;
  subject_id: string;
  title: string;
  urgent: boolean;
  due_at: Date;
  grp: 'overdue' | 'today' | 'upcoming';
  total: number;
}

/** An open reminder (scheduled, or delivered and not yet resolved) due before the window's end ($3), of the rule asked for ($4, null: any). */
const OPEN_IN_WINDOW = `r.resolved_at IS NULL AND r.state IN ('scheduled', 'delivered') AND r.due_at < $3 AND ($4::text IS NULL OR r.rule = $4)`;
const COLUMNS = `r.id, r.stage, r.state, r.rule, r.subject_type, r.subject_id, r.title, r.urgent, r.due_at`;

/**
 * The due list's statement: `naming` is the SQL of the recipients naming the
 * caller (see `namingCallerSql`), or null for the office's list ($6 the
 * office). $1–$3 are the starts of today, tomorrow and the day after the
 * window, $5 the items per group.
 *
 * For "mine", each recipient naming the caller probes the index over open
 * reminders' recipients, in a subquery PostgreSQL cannot flatten (OFFSET 0).
 * Written as a plain join, the statement had two plans: probing the index
 * once per recipient (a consultant leading 1,500 cases: 15 ms at the 1m
 * scale), or reading every open reminder of the window and testing each
 * against every recipient (322k × 1,500: over the 30 s statement timeout).
 * The estimates made the second look cheaper than the first, so a prepared
 * statement switched to it once PostgreSQL had planned five calls for their
 * values (the seventh call on a connection: the client prepares a text on
 * its second): from then on a consultant's 今日の対応 answered 503 after
 * 30 s, and a supervisor's took 0.3–1.9 s instead of 55 ms. Inside the
 * subquery, the containment is tested where the reminders are read, once per
 * recipient, whatever the estimates: a probe of the index, or (if the index
 * ever looked dear) a scan.
 */
export function dueListSql(naming: string | null): string {
  // The reminders on the list are found as (id, due_at) only, and their other columns read for the page's rows alone:
  // a supervisor's list holds 15,500 (mostly the office's escalations) at the 1m scale, and deduplicating, numbering
  // and counting them with every column spilled to disk. The page's rows are read by an array of their ids: PostgreSQL
  // does not narrow its estimate for `n <= $5`, so joined to the page, reminders were read, in a plan made for the
  // values, by a hash join over the whole table (1.2M rows at the 1m scale).
  const found =
    naming === null
      ? `SELECT r.id, r.due_at FROM reminders r WHERE ${OPEN_IN_WINDOW} AND r.office_id = $6 AND r.stage = 'due'`
      : // A reminder naming the caller twice (as a user and by role) is one row: hence DISTINCT.
        `SELECT DISTINCT r.id, r.due_at
           FROM ${naming}
          CROSS JOIN LATERAL (SELECT r.id, r.due_at FROM reminders r WHERE r.recipients @> naming.pattern AND ${OPEN_IN_WINDOW} OFFSET 0) AS r`;
  return `WITH grouped AS (
       SELECT f.id, f.due_at, CASE WHEN f.due_at < $1 THEN 'overdue' WHEN f.due_at < $2 THEN 'today' ELSE 'upcoming' END AS grp
         FROM (${found}) AS f
     ), ranked AS (
       SELECT g.id, g.grp, row_number() OVER (PARTITION BY g.grp ORDER BY g.due_at, g.id) AS n, count(*) OVER (PARTITION BY g.grp)::int AS total
         FROM grouped AS g
     ), page AS MATERIALIZED (
       SELECT ranked.id, ranked.grp, ranked.total FROM ranked WHERE ranked.n <= $5
     )
     SELECT ${COLUMNS}, page.grp, page.total
       FROM reminders r JOIN page ON page.id = r.id
      WHERE r.id = ANY (ARRAY(SELECT page.id FROM page))
      ORDER BY r.due_at, r.id`;
}

/**
 * The recipients naming the caller, from each kind's resolver (the user,
 * each of their roles in their office, each case they lead), as one-element
 * arrays in a column `pattern` of a relation `naming`: each is a probe of the
 * GIN index over open reminders' recipients. Matching every open reminder's
 * recipients element by element read all of the ward's (322k at the 1m
 * scale: 1.2 s per list).
 */
export function namingCallerSql(registry: RecipientResolverRegistry, user: UserParams): string {
  const naming = registry.entries().flatMap(([kind, resolver]) => {
    const sql = resolver.recipientsNamingUserSql?.(user);
    return sql ? [`SELECT jsonb_build_array(n.recipient || jsonb_build_object('kind', '${kind}')) AS pattern FROM (${sql}) AS n`] : [];
  });
  return `(${naming.length > 0 ? naming.join(' UNION ALL ') : 'SELECT NULL::jsonb AS pattern WHERE false'}) AS naming`;
}

/** The due list's statement and values for a caller, asking for `query` on the Japan date `today`. */
export function dueListStatement(registry: RecipientResolverRegistry, actor: Actor, query: DueListQuery, today: JapanDate): { sql: string; params: unknown[] } {
  const window = [japanDateTime(today), japanDateTime(addDays(today, 1)), japanDateTime(addDays(today, 1 + UPCOMING_DAYS)), query.rule ?? null, query.limit ?? 100];
  if (query.scope === 'office') return { sql: dueListSql(null), params: [...window, actor.officeId] };
  const naming = namingCallerSql(registry, { userId: '$6', officeId: '$7', roles: '$8::text[]' });
  return { sql: dueListSql(naming), params: [...window, actor.userId, actor.officeId, actor.roles] };
}

/** The answer made of the statement's rows: each group's first items (in due order) and its total. */
export function dueListOf(rows: DueListRow[], today: JapanDate, scope: DueList['scope']): DueList {
  const group = (name: DueListRow['grp']): DueGroup => {
    const items = rows.filter((row) => row.grp === name);
    return { items: items.map(toItem), total: items[0]?.total ?? 0 };
  };
  return { date: today, scope, overdue: group('overdue'), today: group('today'), upcoming: group('upcoming') };
}

/**
 * The daily work list: open reminders grouped by Japan date. "Mine" matches
 * the caller through each recipient kind's resolver, in SQL; "office" is every
 * open reminder of the caller's office, for supervisors.
 */
@Injectable()
export class DueListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly registry: RecipientResolverRegistry) {}

  async list(actor: Actor, query: DueListQuery, now = new Date()): Promise<DueList> {
    const scope = query.scope ?? 'mine';
    if (scope === 'office' && !hasRole(actor, Role.Supervisor)) throw forbidden("Only supervisors may list their office's reminders.");
    const today = todayInJapan(now);
    const { sql, params } = dueListStatement(this.registry, actor, { ...query, scope }, today);
    return dueListOf(await sqlRows<DueListRow>(this.dataSource, sql, params), today, scope);
  }
}

function toItem(row: DueListRow): DueItem {
  return {
    id: row.id,
    stage: row.stage,
    state: row.state,
    rule: row.rule,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    title: row.title,
    urgent: row.urgent,
    dueAt: row.due_at,
    dueDate: japanDateOf(row.due_at),
  };
}
