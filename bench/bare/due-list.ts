import { todayInJapan } from '../../src/common/time/japan-time';
import { CaseLeadRecipientResolver } from '../../src/modules/cases/case-lead.resolver';
import { dueListOf, DueListRow, dueListStatement } from '../../src/modules/reminders/due-list/due-list.service';
import { BuiltInRecipientResolvers } from '../../src/modules/reminders/recipients/built-in-resolvers';
import { RecipientResolverRegistry } from '../../src/modules/reminders/recipients/recipient-resolver.registry';
import { BareContext, rows } from './context';

/** GET /api/v1/reminders: the statement of DueListService.list (`dueListStatement`; the caller's own list, today). */
export function registerDueList({ app, pool, actorOf }: BareContext): void {
  // The recipient kinds the API registers, so the list names the caller the same ways.
  const registry = new RecipientResolverRegistry();
  new BuiltInRecipientResolvers(registry).onModuleInit();
  new CaseLeadRecipientResolver(registry).onModuleInit();
  app.get('/api/v1/reminders', async (request) => {
    const today = todayInJapan();
    const { sql, params } = dueListStatement(registry, actorOf(request), { scope: 'mine' }, today);
    return dueListOf(await rows<DueListRow>(pool, sql, params), today, 'mine');
  });
}
