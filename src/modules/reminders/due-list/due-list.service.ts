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
    let scopeSql: string;
    if (scope === 'office') {
      params.push(actor.officeId);
      scopeSql = `r.office_id = $6 AND r.stage = 'due'`;
    } else {
      params.push(actor.userId, actor.officeId, actor.roles);
      scopeSql = this.mineSql({ userId: '$6', officeId: '$7', roles: '$8::text[]' });
    }
    const rows = await sqlRows<Row>(
      this.dataSource,
      `WITH open AS (
         SELECT r.id, r.stage, r.state, r.rule, r.subject_type, r.subject_id, r.title, r.urgent, r.due_at,
                CASE WHEN r.due_at < $1 THEN 'overdue' WHEN r.due_at < $2 THEN 'today' ELSE 'upcoming' END AS grp
         FROM reminders r
         WHERE r.resolved_at IS NULL AND r.state IN ('scheduled', 'delivered') AND r.due_at < $3
           AND ($4::text IS NULL OR r.rule = $4) AND ${scopeSql}
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

  /** One OR-branch per recipient kind whose resolver can say in SQL whether a recipient names the caller. */
  private mineSql(user: { userId: string; officeId: string; roles: string }): string {
    const branches = this.registry
      .entries()
      .filter(([, resolver]) => resolver.matchesUserSql)
      .map(([kind, resolver]) => `(e->>'kind' = '${kind}' AND ${resolver.matchesUserSql?.('e', user)})`);
    if (branches.length === 0) return 'false';
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(r.recipients) e WHERE ${branches.join(' OR ')})`;
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
