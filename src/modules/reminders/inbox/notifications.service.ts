import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '../../../common/pagination/keyset';
import { notFound } from '../../../common/problem/problem';
import { instantTextSql } from '../../../database/instant-text';
import { sqlRows } from '../../../database/sql';
import { ListNotificationsQuery, NotificationPage, NotificationView } from './notification.dto';

interface Row {
  id: string;
  reminder_id: string;
  rule: string;
  subject_type: string;
  subject_id: string;
  title: string;
  urgent: boolean;
  due_text: string;
  created_text: string;
  read_text: string | null;
  /** created_at as PostgreSQL text: keeps the microseconds a JavaScript Date would drop from the cursor. */
  created_key: string;
}

// The instants as the answer's text (see instantTextSql), under names of their own: ORDER BY created_at must still
// mean the column (its index order, microseconds), not a text of it. The cursor's key keeps the full precision.
const COLUMNS = `id, reminder_id, rule, subject_type, subject_id, title, urgent, ${instantTextSql('due_at')} AS due_text,
  ${instantTextSql('created_at')} AS created_text, ${instantTextSql('read_at')} AS read_text, created_at::text AS created_key`;

/**
 * The statements of an inbox page: its entries (unread first, then newest
 * first; keyset on read, created_at, id) and the unread count. The user id is
 * $1; after a cursor, its keys are $2 to $4. The bench's bare handler runs
 * them too.
 */
export function inboxSql(options: { unreadOnly?: boolean; after?: boolean; limit: number }): { page: string; unreadCount: string } {
  let where = 'user_id = $1';
  if (options.unreadOnly) where += ' AND read_at IS NULL';
  if (options.after) where += ` AND ((read_at IS NOT NULL) > $2 OR ((read_at IS NOT NULL) = $2 AND (created_at, id) < ($3::timestamptz, $4::uuid)))`;
  return {
    page: `SELECT ${COLUMNS} FROM notifications WHERE ${where} ORDER BY (read_at IS NOT NULL), created_at DESC, id DESC LIMIT ${options.limit + 1}`,
    unreadCount: `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
  };
}

/** The caller's own inbox. Every query is scoped by the caller's user id in SQL; someone else's entry is a 404. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Unread first, then newest first; keyset on (read, created_at, id). */
  async list(actor: Actor, query: ListNotificationsQuery): Promise<NotificationPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 3);
    const sql = inboxSql({ unreadOnly: query.unreadOnly, after: Boolean(after), limit });
    const params: unknown[] = after ? [actor.userId, after[0] === 1, String(after[1]), String(after[2])] : [actor.userId];
    const [rows, [{ count }]] = await Promise.all([
      sqlRows<Row>(this.dataSource, sql.page, params),
      sqlRows<{ count: number }>(this.dataSource, sql.unreadCount, [actor.userId]),
    ]);
    const page = toPage(rows, limit, (row) => [row.read_text ? 1 : 0, row.created_key, row.id]);
    return { items: page.items.map(toView), nextCursor: page.nextCursor, unreadCount: count };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    // Marking twice keeps the first read time.
    const [row] = await sqlRows<Row>(
      this.dataSource,
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, actor.userId],
    );
    if (!row) throw notFound('notification');
    return toView(row);
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    const rows = await sqlRows<{ id: string }>(this.dataSource, `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [actor.userId]);
    return { marked: rows.length };
  }
}

function toView(row: Row): NotificationView {
  return {
    id: row.id,
    reminderId: row.reminder_id,
    rule: row.rule,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    title: row.title,
    urgent: row.urgent,
    dueAt: row.due_text,
    createdAt: row.created_text,
    readAt: row.read_text,
  };
}
