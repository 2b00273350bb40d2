import { AccessService } from '../../src/common/access/access.service';
import { SearchPersonsQuery } from '../../src/modules/persons/dto/person.dto';
import { cappedTotal } from '../../src/common/pagination/capped-total';
import { casesOfPersonsSql } from '../../src/modules/persons/person-rows';
import { PERSON_SEARCH_COUNT_CAP, personSearchSql } from '../../src/modules/persons/person-search.sql';
import { BareContext, namedRowsOn } from './context';

const access = new AccessService();

/**
 * GET /api/v1/persons?name=…&match=prefix: the statements PersonSearchService
 * runs (count, first page, cases of the page's persons), built by the same
 * `personSearchSql` and `casesOfPersonsSql`, on a plain pool.
 */
export function registerPersons({ app, pool, actorOf }: BareContext): void {
  app.get('/api/v1/persons', async (request) => {
    const actor = actorOf(request);
    const query = request.query as { name: string; match?: 'prefix' | 'contains'; limit?: string };
    const limit = Number(query.limit ?? 50);
    const sql = personSearchSql(access, actor, { name: query.name, match: query.match } as SearchPersonsQuery);
    const [{ n }] = sql.count ? await namedRowsOn<{ n: number }>(pool, sql.count, sql.params) : [{ n: 0 }];
    const items = await namedRowsOn<{ id: string }>(pool, sql.page(false), { ...sql.params, take: limit + 1 });
    const page = items.slice(0, limit);
    const casesSql = casesOfPersonsSql(access, actor);
    const cases = await namedRowsOn<{ person_id: string; id: string }>(pool, casesSql.sql, { ...casesSql.params, personIds: page.map((p) => p.id) });
    return { items: page.map((p) => ({ ...p, cases: cases.filter((c) => c.person_id === p.id).map((c) => ({ id: c.id })) })), ...cappedTotal(Number(n), PERSON_SEARCH_COUNT_CAP) };
  });
}
