import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { PersonListItem, SearchPersonsQuery } from './dto/person.dto';
import { escapeLike, isKanaKey, normalizeKana, normalizeKanji } from './name-normalizer';
import { casesOfPersons, PERSON_SUMMARY_COLUMNS, PersonSummaryRow, toPersonSummary } from './person-rows';

/**
 * Person search in the caller's scope, ordered by kana (読み) then id, with a
 * keyset cursor. Kana input searches the kana key, anything else the kanji
 * key; both keys are indexed for prefix (C collation, see PERFORMANCE.md)
 * and for partial matches (trigram).
 */
@Injectable()
export class PersonSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async search(actor: Actor, query: SearchPersonsQuery): Promise<Page<PersonListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.filtered(actor, query);
    const total = Number((await qb.clone().select('count(*)', 'n').getRawOne<{ n: number }>())?.n ?? 0);
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(p.name_kana_normalized COLLATE "C", p.id) > (:afterKana, :afterId)', { afterKana: after[0], afterId: after[1] });
    const rows = await qb
      .select(PERSON_SUMMARY_COLUMNS)
      .addSelect('p.name_kana_normalized', 'kana_key')
      .orderBy('p.name_kana_normalized COLLATE "C"')
      .addOrderBy('p.id')
      .limit(limit + 1)
      .getRawMany<PersonSummaryRow & { kana_key: string }>();
    const page = toPage(rows, limit, (row) => [row.kana_key, row.id]);
    const cases = await casesOfPersons(this.dataSource.manager, this.access, actor, page.items.map((row) => row.id));
    return { items: page.items.map((row) => ({ ...toPersonSummary(row), cases: cases.get(row.id) ?? [] })), nextCursor: page.nextCursor, total };
  }

  private filtered(actor: Actor, query: SearchPersonsQuery): SelectQueryBuilder<object> {
    const scope = this.access.personScopeCondition(actor, 'p');
    const qb = this.dataSource.createQueryBuilder().from('persons', 'p').where(scope.sql, scope.params);
    if (query.name) {
      const kana = normalizeKana(query.name);
      const [column, key] = isKanaKey(kana) ? ['p.name_kana_normalized', kana] : ['p.name_kanji_normalized', normalizeKanji(query.name)];
      if (query.match === 'prefix') qb.andWhere(`${column} COLLATE "C" LIKE :namePattern`, { namePattern: `${escapeLike(key)}%` });
      else qb.andWhere(`${column} LIKE :namePattern`, { namePattern: `%${escapeLike(key)}%` });
    }
    if (query.birthDate) qb.andWhere('p.birth_date = :birthDate', { birthDate: query.birthDate });
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.caseNumber) {
      const caseScope = this.access.caseScopeCondition(actor, 'c');
      qb.andWhere(`p.id IN (SELECT m.person_id FROM case_members m JOIN cases c ON c.id = m.case_id WHERE c.case_number = :caseNumber AND ${caseScope.sql})`, {
        caseNumber: query.caseNumber,
        ...caseScope.params,
      });
    }
    return qb;
  }
}
