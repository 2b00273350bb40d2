import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../../../common/auth/actor';
import { Role } from '../../../common/auth/roles';
import { forbidden } from '../../../common/problem/problem';
import { addDays, japanDateOf, japanDateTime, todayInJapan } from '../../../common/time/japan-time';
import { sqlRows } from '../../../database/sql';
import { ReminderStage, ReminderState } from '../reminder.entity';
import { RecipientResolverRegistry } from '../recipients/recipient-resolver.registry';
import { DueGroup, DueItem, DueList, DueListQuery } from './due-list.dto';

const UPCOMING_DAYS = 7;

interface Row {
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

/**
 * The daily work list: open reminders (scheduled, or delivered and not yet
 * resolved by the module) grouped by Japan date. "Mine" matches the caller
 * through each recipient kind's resolver, in SQL; "office" is every open
 * reminder of the caller's office, for supervisors.
 */
@Injectable()
export class DueListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly registry: RecipientResolverRegistry) {}

  async list(actor: Actor, query: DueListQuery, now = new Date()): Promise<DueList> {
    const scope = query.scope ?? 'mine';
    if (scope === 'office' && !hasRole(actor, Role.Supervisor)) throw forbidden("Only supervisors may list their office's reminders.");
    const today = todayInJapan(now);
    const params: unknown[] = [japanDateTime(today), japanDateTime(addDays(today, 1)), japanDateTime(addDays(today, 1 + UPCOMING_DAYS)), query.rule ?? null, query.limit ?? 100];
    const where = [`r.resolved_at IS NULL`, `r.state IN ('scheduled', 'delivered')`, `r.due_at < $3`, `($4::text IS NULL OR r.rule = $4)`];
    // The office's reminders from their office index; the caller's by the recipients naming them (a reminder naming
    // the caller twice, as a user and by role, is one row: hence DISTINCT).
    let from: string;
    let distinct = '';
    if (scope === 'office') {
      params.push(actor.officeId);
      from = `reminders r`;
      where.push(`r.office_id = $6`, `r.stage = 'due'`);
    } else {
      params.push(actor.userId, actor.officeId, actor.roles);
      from = `${this.namingCallerSql({ userId: '$6', officeId: '$7', roles: '$8::text[]' })} JOIN reminders r ON r.recipients @> naming.pattern`;
      distinct = 'DISTINCT';
    }
    const rows = await sqlRows<Row>(
      this.dataSource,
      `WITH open AS (
         SELECT ${distinct} r.id, r.stage, r.state, r.rule, r.subject_type, r.subject_id, r.title, r.urgent, r.due_at,
                CASE WHEN r.due_at < $1 THEN 'overdue' WHEN r.due_at < $2 THEN 'today' ELSE 'upcoming' END AS grp
         FROM ${from}
         WHERE ${where.join(' AND ')}
       ), ranked AS (
         SELECT *, row_number() OVER (PARTITION BY grp ORDER BY due_at, id) AS n, count(*) OVER (PARTITION BY grp)::int AS total FROM open
       )
       SELECT * FROM ranked WHERE n <= $5 ORDER BY due_at, id`,
      params,
    );
    const group = (name: Row['grp']): DueGroup => {
      const items = rows.filter((row) => row.grp === name);
      return { items: items.map(toItem), total: items[0]?.total ?? 0 };
    };
    return { date: today, scope, overdue: group('overdue'), today: group('today'), upcoming: group('upcoming') };
  }

  /**
   * The recipients naming the caller, from each kind's resolver (the user,
   * each of their roles in their office, each case they lead), as one-element
   * arrays in a column `pattern`: joined to reminders by containment, each is
   * a probe of the GIN index over open reminders' recipients. Matching every
   * open reminder's recipients element by element read all of the ward's
   * (322k at the 1m scale: 1.2 s per list).
   */
  private namingCallerSql(user: { userId: string; officeId: string; roles: string }): string {
    const naming = this.registry
      .entries()
      .flatMap(([kind, resolver]) => {
        const sql = resolver.recipientsNamingUserSql?.(user);
        return sql ? [`SELECT jsonb_build_array(n.recipient || jsonb_build_object('kind', '${kind}')) AS pattern FROM (${sql}) AS n`] : [];
      });
    return `(${naming.length > 0 ? naming.join(' UNION ALL ') : 'SELECT NULL::jsonb AS pattern WHERE false'}) AS naming`;
  }
}

function toItem(row: Row): DueItem {
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
