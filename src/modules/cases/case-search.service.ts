import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { escapeLike, isKanaKey, normalizeKana, normalizeKanji } from '../persons/name-normalizer';
import { CASE_SUMMARY_COLUMNS, CaseSummaryRow, toCaseSummary } from './case-view';
import { CaseListItem, SearchCasesQuery } from './dto/case.dto';
import { MEMBER_RELATIONSHIP_LABELS, MemberRelationship } from './entities/case-member.entity';

/** Cases without a next review (closed) sort after every date. */
const NO_REVIEW = '9999-12-31';

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
    const qb = this.filtered(actor, query);
    const total = Number((await qb.clone().select('count(*)', 'n').getRawOne<{ n: number }>())?.n ?? 0);
    const byReview = query.sort === 'next_review_asc';
    const after = decodeCursor(query.cursor, 2);
    if (byReview) {
      if (after) qb.andWhere(`(coalesce(c.next_review_on, '${NO_REVIEW}'), c.id) > (CAST(:afterKey AS date), CAST(:afterId AS uuid))`, { afterKey: after[0], afterId: after[1] });
      qb.orderBy(`coalesce(c.next_review_on, '${NO_REVIEW}')`, 'ASC').addOrderBy('c.id', 'ASC');
    } else {
      if (after) qb.andWhere('(c.opened_on, c.id) < (CAST(:afterKey AS date), CAST(:afterId AS uuid))', { afterKey: after[0], afterId: after[1] });
      qb.orderBy('c.opened_on', 'DESC').addOrderBy('c.id', 'DESC');
    }
    const rows = await qb.select(CASE_SUMMARY_COLUMNS).limit(limit + 1).getRawMany<CaseSummaryRow>();
    const page = toPage(rows, limit, (row) => [byReview ? (row.next_review_on ?? NO_REVIEW) : row.opened_on, row.id]);
    const members = await this.membersOf(page.items.map((row) => row.id));
    return { items: page.items.map((row) => ({ ...toCaseSummary(row), members: members.get(row.id) ?? [] })), nextCursor: page.nextCursor, total };
  }

  private filtered(actor: Actor, query: SearchCasesQuery): SelectQueryBuilder<object> {
    const scope = this.access.caseScopeCondition(actor, 'c');
    const qb = this.dataSource
      .createQueryBuilder()
      .from('cases', 'c')
      .innerJoin('offices', 'o', 'o.id = c.office_id')
      .leftJoin('users', 'lw', 'lw.id = c.lead_worker_id')
      .where(scope.sql, scope.params);
    if (query.name) {
      const kana = normalizeKana(query.name);
      if (isKanaKey(kana)) {
        qb.andWhere('c.id IN (SELECT nm.case_id FROM case_members nm JOIN persons np ON np.id = nm.person_id WHERE np.name_kana_normalized LIKE :namePattern)', {
          namePattern: `%${escapeLike(kana)}%`,
        });
      } else {
        const key = normalizeKanji(query.name);
        qb.andWhere(
          '(c.label LIKE :labelPattern OR c.id IN (SELECT nm.case_id FROM case_members nm JOIN persons np ON np.id = nm.person_id WHERE np.name_kanji_normalized LIKE :namePattern))',
          { labelPattern: `%${escapeLike(query.name)}%`, namePattern: `%${escapeLike(key)}%` },
        );
      }
    }
    if (query.birthDate) {
      qb.andWhere('c.id IN (SELECT bm.case_id FROM case_members bm JOIN persons bp ON bp.id = bm.person_id WHERE bp.birth_date = :birthDate)', { birthDate: query.birthDate });
    }
    if (query.caseNumber) {
      if (query.caseNumber.endsWith('*')) qb.andWhere('c.case_number LIKE :caseNumber', { caseNumber: `${escapeLike(query.caseNumber.slice(0, -1))}%` });
      else qb.andWhere('c.case_number = :caseNumber', { caseNumber: query.caseNumber });
    }
    if (query.supportLevel) qb.andWhere('c.support_level = :supportLevel', { supportLevel: query.supportLevel });
    if (query.leadWorkerId) qb.andWhere('c.lead_worker_id = :leadWorkerId', { leadWorkerId: query.leadWorkerId });
    if (query.assignedTo === 'me') {
      qb.andWhere('(c.lead_worker_id = :me OR EXISTS (SELECT 1 FROM case_co_workers mw WHERE mw.case_id = c.id AND mw.user_id = :me))', { me: actor.userId });
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.reviewDueBy) qb.andWhere(`c.status <> 'closed' AND c.next_review_on <= :reviewDueBy`, { reviewDueBy: query.reviewDueBy });
    return qb;
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
