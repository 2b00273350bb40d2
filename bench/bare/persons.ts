import { AccessService } from '../../src/common/access/access.service';
import { escapeLike, isKanaKey, normalizeKana, normalizeKanji } from '../../src/modules/persons/name-normalizer';
import { PERSON_SUMMARY_COLUMNS } from '../../src/modules/persons/person-rows';
import { BareContext, positional, rows } from './context';

const access = new AccessService();

/** GET /api/v1/persons?name=…&match=prefix: PersonSearchService.search's count, page and cases-of-persons queries (first page). */
export function registerPersons({ app, pool, actorOf }: BareContext): void {
  app.get('/api/v1/persons', async (request) => {
    const actor = actorOf(request);
    const query = request.query as { name: string; match?: string; limit?: string };
    const limit = Number(query.limit ?? 50);
    const scope = access.personScopeCondition(actor, 'p');
    const kana = normalizeKana(query.name);
    const [column, key] = isKanaKey(kana) ? ['p.name_kana_normalized', kana] : ['p.name_kanji_normalized', normalizeKanji(query.name)];
    const nameCondition = query.match === 'prefix' ? `${column} COLLATE "C" LIKE :namePattern` : `${column} LIKE :namePattern`;
    const named = { ...scope.params, namePattern: query.match === 'prefix' ? `${escapeLike(key)}%` : `%${escapeLike(key)}%` };
    const where = `${scope.sql} AND ${nameCondition}`;
    const countParams: unknown[] = [];
    const [{ n }] = await rows<{ n: number }>(pool, positional(`SELECT count(*) AS n FROM persons p WHERE ${where}`, named, countParams), countParams);
    const pageParams: unknown[] = [];
    const items = await rows<{ id: string }>(
      pool,
      positional(
        `SELECT ${PERSON_SUMMARY_COLUMNS.join(', ')}, p.name_kana_normalized AS kana_key FROM persons p WHERE ${where}
          ORDER BY p.name_kana_normalized COLLATE "C" ASC, p.id ASC LIMIT ${limit + 1}`,
        named,
        pageParams,
      ),
      pageParams,
    );
    const page = items.slice(0, limit);
    const caseScope = access.caseScopeCondition(actor, 'c');
    const caseParams: unknown[] = [];
    const cases = await rows<{ person_id: string; id: string }>(
      pool,
      positional(
        `SELECT m.person_id AS person_id, c.id AS id, c.case_number AS case_number, c.label AS label, c.status AS status, m.relationship AS relationship, c.office_id AS office_id
           FROM case_members m INNER JOIN cases c ON c.id = m.case_id
          WHERE m.person_id = ANY(:personIds) AND ${caseScope.sql}
          ORDER BY c.opened_on DESC, c.id ASC`,
        { ...caseScope.params, personIds: page.map((p) => p.id) },
        caseParams,
      ),
      caseParams,
    );
    return { items: page.map((p) => ({ ...p, cases: cases.filter((c) => c.person_id === p.id).map((c) => ({ id: c.id })) })), total: Number(n) };
  });
}
