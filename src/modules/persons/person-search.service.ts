import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { cappedTotal } from '../../common/pagination/capped-total';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { namedRows } from '../../database/named-sql';
import { PersonListItem, SearchPersonsQuery } from './dto/person.dto';
import { casesOfPersons, PersonSummaryRow, toPersonSummary } from './person-rows';
import { PERSON_SEARCH_COUNT_CAP, personSearchSql } from './person-search.sql';

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
    const sql = personSearchSql(this.access, actor, query);
    // Counting is proportional to the matches: given for searches (up to PERSON_SEARCH_COUNT_CAP), not for browsing every person of the office.
    const total = sql.count === null ? undefined : cappedTotal(Number((await namedRows<{ n: number }>(this.dataSource, sql.count, sql.params))[0].n), PERSON_SEARCH_COUNT_CAP);
    const after = decodeCursor(query.cursor, 2);
    const rows = await namedRows<PersonSummaryRow & { kana_key: string }>(this.dataSource, sql.page(after !== null), {
      ...sql.params,
      take: limit + 1,
      ...(after ? { afterKana: after[0], afterId: after[1] } : {}),
    });
    const page = toPage(rows, limit, (row) => [row.kana_key, row.id]);
    const cases = await casesOfPersons(this.dataSource.manager, this.access, actor, page.items.map((row) => row.id));
    return { items: page.items.map((row) => ({ ...toPersonSummary(row), cases: cases.get(row.id) ?? [] })), nextCursor: page.nextCursor, ...total };
  }
}
