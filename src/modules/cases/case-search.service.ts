import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { cappedTotal } from '../../common/pagination/capped-total';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { namedRows } from '../../database/named-sql';
import { CASE_LIST_COUNT_CAP, caseListSql, NO_REVIEW } from './case-list.sql';
import { CaseSummaryRow, toCaseSummary } from './case-view';
import { CaseListItem, SearchCasesQuery } from './dto/case.dto';
import { MEMBER_RELATIONSHIP_LABELS, MemberRelationship } from './entities/case-member.entity';

/**
 * Case search in the caller's scope (the same SQL condition as the detail
 * check), with filters for the lists staff work from: my cases, by support
 * level, by status, due for 進行管理, by member name or birth date.
 */
@Injectable()
export class CaseSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async search(actor: Actor, query: SearchCasesQuery): Promise<Page<CaseListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sql = caseListSql(this.access, actor, query, decodeCursor(query.cursor, 2));
    const [{ n }] = await namedRows<{ n: string }>(this.dataSource, sql.count, sql.params);
    const rows = await namedRows<CaseSummaryRow>(this.dataSource, sql.page, { ...sql.params, take: limit + 1 });
    const page = toPage(rows, limit, (row) => (query.sort === 'next_review_asc' ? [row.next_review_on ?? NO_REVIEW, row.id] : [row.opened_on, row.id]));
    const members = await this.membersOf(page.items.map((row) => row.id));
    return {
      items: page.items.map((row) => ({ ...toCaseSummary(row), members: members.get(row.id) ?? [] })),
      nextCursor: page.nextCursor,
      ...cappedTotal(Number(n), CASE_LIST_COUNT_CAP),
    };
  }

  private async membersOf(caseIds: string[]): Promise<Map<string, CaseListItem['members']>> {
    const result = new Map<string, CaseListItem['members']>(caseIds.map((id) => [id, []]));
    if (caseIds.length === 0) return result;
    const rows: Array<{ case_id: string; person_id: string; relationship: MemberRelationship; name_kanji: string; name_kana: string; birth_date: string | null }> =
      await this.dataSource.query(
        `SELECT m.case_id, m.person_id, m.relationship, p.name_kanji, p.name_kana, p.birth_date
           FROM case_members m JOIN persons p ON p.id = m.person_id
          WHERE m.case_id = ANY($1::uuid[]) ORDER BY m.added_at, p.id`,
        [caseIds],
      );
    for (const row of rows) {
      result.get(row.case_id)?.push({
        personId: row.person_id,
        relationship: row.relationship,
        relationshipLabel: MEMBER_RELATIONSHIP_LABELS[row.relationship],
        nameKanji: row.name_kanji,
        nameKana: row.name_kana,
        birthDate: row.birth_date,
      });
    }
    return result;
  }
}
