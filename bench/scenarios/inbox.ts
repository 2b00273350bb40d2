import { Scenario } from './scenario';

/** The inbox every user polls: first page of their notifications with the unread count. */
export const inbox: Scenario = {
  name: 'inbox',
  title: 'Inbox (first page, unread count)',
  kind: 'read',
  actor: 'consultant',
  async prepare() {
    return {
      api: [{ method: 'GET', path: () => '/api/v1/notifications?limit=50' }],
      fingerprint: (body) => {
        const page = body as { items: Array<{ id: string }>; unreadCount: number };
        return { ids: page.items.map((i) => i.id), unread: page.unreadCount };
      },
    };
  },
};
