import { AccessService } from '../../common/access/access.service';
import { PLAN_EACH_CALL } from '../../database/auto-preparing-client';
import { Actor } from '../../common/auth/actor';
import { countPartsUpToSql } from '../../common/pagination/capped-total';
import { SearchPersonsQuery } from './dto/person.dto';
import { escapeLike, isKanaKey, normalizeKana, normalizeKanji } from './name-normalizer';

const COLUMNS = 'p.id, p.office_id, p.kind, p.name_kanji, p.name_kana, p.birth_date, p.sex, p.name_kana_normalized AS kana_key';

/**
 * A search counts its matches up to this many: "more than 1,000" tells the
 * consultant to narrow the search as well as an exact figure would, and a
 * common reading (up to 12k persons of one office share a family name in the
 * 1m bench data) is then not counted row by row on every search.
 */
export const PERSON_SEARCH_COUNT_CAP = 1000;

export interface PersonSearchSql {
  /**
   * The number of matches in scope, each of the two parts counted up to one
   * more than PERSON_SEARCH_COUNT_CAP (read it with `cappedTotal`); null when
   * browsing without a filter (counting a whole office is not worth it).
   */
  count: string | null;
  /** One page in kana (C byte order) then id order, `:take` rows, after `:afterKana`/`:afterId` when `keyset`. */
  page: (keyset: boolean) => string;
  params: Record<string, unknown>;
}

/**
 * The SQL of a person search, with named parameters: the caller's office's
 * persons and the few seen through cases of other offices as two ordered
 * parts (see `AccessService.personSearchPartitions`), each under the exact
 * scope condition, merged. Built here, apart from the service, so the bench's
 * bare handler runs exactly the same statements.
 */
export function personSearchSql(access: AccessService, actor: Actor, query: SearchPersonsQuery): PersonSearchSql {
  const scope = access.personScopeCondition(actor, 'p');
  const partitions = access.personSearchPartitions(actor, 'p');
  const { conditions, params, match } = filters(access, actor, query);
  const where = (partition: number, keyset: boolean) =>
    [partitions[partition].sql, scope.sql, ...conditions, ...(keyset ? ['(p.name_kana_normalized COLLATE "C", p.id) > (:afterKana, CAST(:afterId AS uuid))'] : [])].join(' AND ');
  // Matches found by trigrams are all read, then sorted (OFFSET 0 keeps the sort out of the subquery): a walk of the
  // office's persons in 読み order, which PostgreSQL expects to meet matches evenly, crossed most of the office before
  // reaching a family name late in that order (130-330 ms). The price is paid by names spread evenly in that order,
  // which the walk met at once: a common given name takes 13-15 ms instead of 1-2 (the largest group of matches,
  // サトウ, 18 ms). A part too short for trigrams walks in order, over the office/kana index alone (it holds the
  // kanji key too): the page's ids first, then each one's row by its key (LIMIT 1 keeps that look-up from being
  // flattened into a join, which PostgreSQL once planned as a scan of every person) — read row by row, a two-kanji
  // family name walked to its 読み through 150-510 ms of rows. Any other search walks in order and stops after a page.
  const part = (i: number, keyset: boolean) =>
    match === 'trigrams'
      ? `(SELECT * FROM (SELECT ${COLUMNS} FROM persons p WHERE ${where(i, keyset)} OFFSET 0) AS matched ORDER BY matched.kana_key COLLATE "C", matched.id LIMIT :take)`
      : match === 'short'
        ? `(SELECT page.* FROM (SELECT p.id FROM persons p WHERE ${where(i, keyset)} ORDER BY p.name_kana_normalized COLLATE "C", p.id LIMIT :take) AS walked
             CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM persons p WHERE p.id = walked.id LIMIT 1) AS page)`
        : `(SELECT ${COLUMNS} FROM persons p WHERE ${where(i, keyset)} ORDER BY p.name_kana_normalized COLLATE "C", p.id LIMIT :take)`;
  // A partial name is planned for its pattern: whether an index of trigrams or the walk in order is cheaper depends on
  // how many persons match, which a generic plan, made once for every pattern, cannot know.
  const planned = match === 'prefix' || match === null ? '' : PLAN_EACH_CALL;
  return {
    count:
      conditions.length === 0
        ? null
        : planned + countPartsUpToSql([0, 1].map((i) => `SELECT FROM persons p WHERE ${where(i, false)}`), ':countCap'),
    page: (keyset) => `${planned}SELECT * FROM (${part(0, keyset)} UNION ALL ${part(1, keyset)}) u ORDER BY u.kana_key COLLATE "C", u.id LIMIT :take`,
    params: { ...scope.params, ...partitions[0].params, ...params, countCap: PERSON_SEARCH_COUNT_CAP + 1 },
  };
}

/**
 * How a name is matched: a prefix, a part long enough for trigram indexes
 * (three characters: a shorter LIKE pattern yields no trigram to look up),
 * a shorter part, or no name at all.
 */
type NameMatch = 'prefix' | 'trigrams' | 'short' | null;

function filters(access: AccessService, actor: Actor, query: SearchPersonsQuery): { conditions: string[]; params: Record<string, unknown>; match: NameMatch } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  let match: NameMatch = null;
  if (query.name) {
    const kana = normalizeKana(query.name);
    const [column, key] = isKanaKey(kana) ? ['p.name_kana_normalized', kana] : ['p.name_kanji_normalized', normalizeKanji(query.name)];
    match = query.match === 'prefix' ? 'prefix' : Array.from(key).length >= 3 ? 'trigrams' : 'short';
    if (match === 'prefix') {
      // A prefix as a range in byte order: PostgreSQL derives index bounds from a LIKE only when it sees the pattern,
      // so a prepared statement's generic plan (planned once, for any pattern) could not use the kana index. The
      // range holds exactly the strings with the prefix, so no LIKE is added beside it: it was tested on every index
      // entry the count walks (up to 1,001 in each of its two parts), a fifth of the count's time.
      const upper = prefixUpperBound(key);
      if (upper !== null) {
        conditions.push(`${column} COLLATE "C" >= :nameFrom`, `${column} COLLATE "C" < :nameTo`);
        Object.assign(params, { nameFrom: key, nameTo: upper });
      } else {
        conditions.push(`${column} COLLATE "C" LIKE :namePattern`);
        params.namePattern = `${escapeLike(key)}%`;
      }
    } else {
      // Too short for trigrams, the name is written in the C collation, which the trigram indexes (default collation)
      // cannot answer: for a consultant PostgreSQL otherwise read the office's whole entry of the office/trigram index
      // and every row it names (about a second), where the walk in 読み order stops at a page. LIKE matches alike
      // under either collation.
      conditions.push(match === 'short' ? `${column} COLLATE "C" LIKE :namePattern` : `${column} LIKE :namePattern`);
      params.namePattern = `%${escapeLike(key)}%`;
    }
  }
  if (query.birthDate) {
    conditions.push('p.birth_date = CAST(:birthDate AS date)');
    params.birthDate = query.birthDate;
  }
  if (query.kind) {
    conditions.push('p.kind = CAST(:kind AS person_kind)');
    params.kind = query.kind;
  }
  if (query.caseNumber) {
    const caseScope = access.caseScopeCondition(actor, 'c');
    conditions.push(`p.id IN (SELECT m.person_id FROM case_members m JOIN cases c ON c.id = m.case_id WHERE c.case_number = :caseNumber AND ${caseScope.sql})`);
    Object.assign(params, caseScope.params, { caseNumber: query.caseNumber });
  }
  return { conditions, params, match };
}

/**
 * The least string above every string starting with `prefix` in byte order
 * (COLLATE "C"; UTF-8 orders as code points): the prefix with its last
 * character moved up by one code point. Null when there is none (an empty
 * prefix, or one of U+10FFFF characters only).
 */
export function prefixUpperBound(prefix: string): string | null {
  const chars = Array.from(prefix);
  while (chars.length > 0) {
    const last = chars.pop() as string;
    const code = last.codePointAt(0) as number;
    if (code < 0x10ffff) return chars.join('') + String.fromCodePoint(code === 0xd7ff ? 0xe000 : code + 1);
  }
  return null;
}
