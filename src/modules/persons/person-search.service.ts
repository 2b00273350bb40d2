import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { PersonListItem, SearchPersonsQuery } from './dto/person.dto';
import { escapeLike, isKanaKey, normalizeKana, normalizeKanji } from './name-normalizer';
import { casesOfPersons, PersonSummaryRow, toPersonSummary } from './person-rows';

const COLUMNS = 'p.id, p.office_id, p.kind, p.name_kanji, p.name_kana, p.birth_date, p.sex, p.name_kana_normalized AS kana_key';

/**
 * Person search in the caller's scope, ordered by kana (読み) then id, with a
 * keyset cursor (kana in byte order, as the C-collated indexes hold it; see
 * PERFORMANCE.md). Kana input searches the kana key, anything else the kanji
 * key; both keys are indexed for prefix (C collation) and partial (trigram)
 * matches. The query reads the caller's office's persons and the few seen
 * through cases of other offices as two ordered parts (see
 * `AccessService.personSearchPartitions`), each under the exact scope
 * condition, and merges them.
 */
@Injectable()
export class PersonSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async search(actor: Actor, query: SearchPersonsQuery): Promise<Page<PersonListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = this.access.personScopeCondition(actor, 'p');
    const partitions = this.access.personSearchPartitions(actor, 'p');
    const { conditions, params } = this.filters(actor, query);
    const where = (partition: number, keyset: boolean) =>
      [partitions[partition].sql, scope.sql, ...conditions, ...(keyset ? ['(p.name_kana_normalized COLLATE "C", p.id) > (:afterKana, CAST(:afterId AS uuid))'] : [])].join(' AND ');
    const allParams = { ...scope.params, ...partitions[0].params, ...params };

    // Counting is proportional to the matches: given for searches, not for browsing every person of the office.
    const total = conditions.length === 0 ? undefined : await this.count(where, allParams);
    const after = decodeCursor(query.cursor, 2);
    const keyset = after !== null;
    const part = (i: number) => `(SELECT ${COLUMNS} FROM persons p WHERE ${where(i, keyset)} ORDER BY p.name_kana_normalized COLLATE "C", p.id LIMIT :take)`;
    const rows = await this.run<PersonSummaryRow & { kana_key: string }>(
      `SELECT * FROM (${part(0)} UNION ALL ${part(1)}) u ORDER BY u.kana_key COLLATE "C", u.id LIMIT :take`,
      { ...allParams, take: limit + 1, ...(after ? { afterKana: after[0], afterId: after[1] } : {}) },
    );
    const page = toPage(rows, limit, (row) => [row.kana_key, row.id]);
    const cases = await casesOfPersons(this.dataSource.manager, this.access, actor, page.items.map((row) => row.id));
    return { items: page.items.map((row) => ({ ...toPersonSummary(row), cases: cases.get(row.id) ?? [] })), nextCursor: page.nextCursor, ...(total === undefined ? {} : { total }) };
  }

  private async count(where: (partition: number, keyset: boolean) => string, params: Record<string, unknown>): Promise<number> {
    const [{ n }] = await this.run<{ n: number }>(`SELECT (SELECT count(*) FROM persons p WHERE ${where(0, false)}) + (SELECT count(*) FROM persons p WHERE ${where(1, false)}) AS n`, params);
    return Number(n);
  }

  private filters(actor: Actor, query: SearchPersonsQuery): { conditions: string[]; params: Record<string, unknown> } {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.name) {
      const kana = normalizeKana(query.name);
      const [column, key] = isKanaKey(kana) ? ['p.name_kana_normalized', kana] : ['p.name_kanji_normalized', normalizeKanji(query.name)];
      if (query.match === 'prefix') {
        conditions.push(`${column} COLLATE "C" LIKE :namePattern`);
        params.namePattern = `${escapeLike(key)}%`;
      } else {
        conditions.push(`${column} LIKE :namePattern`);
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
      const caseScope = this.access.caseScopeCondition(actor, 'c');
      conditions.push(`p.id IN (SELECT m.person_id FROM case_members m JOIN cases c ON c.id = m.case_id WHERE c.case_number = :caseNumber AND ${caseScope.sql})`);
      Object.assign(params, caseScope.params, { caseNumber: query.caseNumber });
    }
    return { conditions, params };
  }

  /** Raw SQL with named parameters, converted by the driver exactly as the query builder does. */
  private async run<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return this.dataSource.query(text, values);
  }
}
