import { DueList } from '../../src/modules/reminders/due-list/due-list.dto';
import { Scenario } from './scenario';

/**
 * 今日の対応, the list a consultant opens first: their open reminders, overdue
 * / today / the coming week, each group's first 100 with its total (the
 * bench's consultant leads 1,500 cases, each naming them as its lead).
 */
export const dueList: Scenario = {
  name: 'due-list',
  title: "Personal due list (今日の対応: overdue, today, the coming week)",
  kind: 'read',
  actor: 'consultant',
  async prepare() {
    return {
      api: [{ method: 'GET', path: () => '/api/v1/reminders' }],
      fingerprint: (body) => {
        const list = body as DueList;
        const group = (g: DueList['overdue']) => ({ ids: g.items.map((i) => i.id), total: g.total });
        return { overdue: group(list.overdue), today: group(list.today), upcoming: group(list.upcoming) };
      },
    };
  },
};
