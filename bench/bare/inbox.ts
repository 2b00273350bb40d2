import { BareContext, rows } from './context';

/** GET /api/v1/notifications: the same two queries as NotificationsService.list (first page). */
export function registerInbox({ app, pool, actorOf }: BareContext): void {
  app.get('/api/v1/notifications', async (request) => {
    const actor = actorOf(request);
    const limit = Number((request.query as { limit?: string }).limit ?? 50);
    const [items, [{ count }]] = await Promise.all([
      rows<{ id: string }>(
        pool,
        `SELECT id, reminder_id, rule, subject_type, subject_id, title, urgent, due_at, created_at, read_at, created_at::text AS created_key
           FROM notifications WHERE user_id = $1 ORDER BY (read_at IS NOT NULL), created_at DESC, id DESC LIMIT ${limit + 1}`,
        [actor.userId],
      ),
      rows<{ count: number }>(pool, `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [actor.userId]),
    ]);
    return { items: items.slice(0, limit), unreadCount: count };
  });
}
