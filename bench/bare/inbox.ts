import { inboxSql } from '../../src/modules/reminders/inbox/notifications.service';
import { BareContext, rows } from './context';

/** GET /api/v1/notifications: the statements of NotificationsService.list (`inboxSql`; first page). */
export function registerInbox({ app, pool, actorOf }: BareContext): void {
  app.get('/api/v1/notifications', async (request) => {
    const actor = actorOf(request);
    const limit = Number((request.query as { limit?: string }).limit ?? 50);
    const sql = inboxSql({ limit });
    const [items, [{ count }]] = await Promise.all([rows<{ id: string }>(pool, sql.page, [actor.userId]), rows<{ count: number }>(pool, sql.unreadCount, [actor.userId])]);
    return { items: items.slice(0, limit), unreadCount: count };
  });
}
