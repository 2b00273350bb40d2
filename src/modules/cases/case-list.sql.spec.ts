import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { PLAN_EACH_CALL } from '../../database/auto-preparing-client';
import { caseListSql } from './case-list.sql';
import { SearchCasesQuery } from './dto/case.dto';

describe('caseListSql', () => {
  const actor: Actor = { userId: randomUUID(), loginId: 'c1', officeId: randomUUID(), roles: [Role.Consultant], sessionId: 's', consultantScope: 'office' };
  const sql = (query: Partial<SearchCasesQuery>) => caseListSql(new AccessService(), actor, query as SearchCasesQuery, null);

  it("plans a member-name search on each call (rare and common names need different plans), and prepares the rest", () => {
    for (const name of ['サトウ', '佐藤']) expect({ name, count: sql({ name }).count.startsWith(PLAN_EACH_CALL), page: sql({ name }).page.startsWith(PLAN_EACH_CALL) }).toEqual({ name, count: true, page: true });
    expect({ count: sql({ status: 'open' } as Partial<SearchCasesQuery>).count.startsWith(PLAN_EACH_CALL), page: sql({}).page.startsWith(PLAN_EACH_CALL) }).toEqual({ count: false, page: false });
  });

  it('matches a member name on the names the case carries, kana as kana and kanji with the label', () => {
    expect(sql({ name: 'さとう' }).count).toContain('c.member_names_kana LIKE :namePattern');
    expect(sql({ name: 'さとう' }).params.namePattern).toBe('%サトウ%');
    expect(sql({ name: '佐藤' }).count).toContain('(c.label LIKE :labelPattern OR c.member_names_kanji LIKE :namePattern)');
  });
});
