import { randomUUID } from 'node:crypto';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { PLAN_EACH_CALL } from '../../database/auto-preparing-client';
import { SearchPersonsQuery } from './dto/person.dto';
import { personSearchSql, prefixUpperBound } from './person-search.sql';

describe('prefixUpperBound', () => {
  it('moves the last character up by one code point', () => {
    expect(prefixUpperBound('アベ')).toBe('アペ');
    expect(prefixUpperBound('ヤマダ タ')).toBe('ヤマダ ダ');
    expect(prefixUpperBound('山')).toBe('屲');
  });

  it('is above every string with the prefix and below the next prefix, in byte order', () => {
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    const upper = prefixUpperBound('イトウ') as string;
    for (const name of ['イトウ', 'イトウ ハナコ', 'イトウ\u{10FFFF}', 'イトウヲ']) expect(Buffer.compare(bytes(name), bytes(upper))).toBeLessThan(0);
    expect(Buffer.compare(bytes('イトエ'), bytes(upper))).toBeGreaterThanOrEqual(0);
  });

  it('handles characters outside the BMP, the surrogate gap and the last code point', () => {
    expect(prefixUpperBound('𠮷')).toBe('𠮸');
    expect(prefixUpperBound('a\uD7FF')).toBe('a\uE000');
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('\u{10FFFF}')).toBeNull();
    expect(prefixUpperBound('')).toBeNull();
  });
});

describe('personSearchSql: how a name is planned', () => {
  const actor: Actor = { userId: randomUUID(), loginId: 'c1', officeId: randomUUID(), roles: [Role.Consultant], sessionId: 's', consultantScope: 'office' };
  const sql = (query: Partial<SearchPersonsQuery>) => personSearchSql(new AccessService(), actor, query as SearchPersonsQuery);

  it('plans a partial name on each call, and reads a name of three characters or more by trigrams before sorting', () => {
    for (const name of ['タカハシ', 'ア', '佐藤']) {
      const search = sql({ name });
      expect({ name, count: search.count?.startsWith(PLAN_EACH_CALL), page: search.page(false).startsWith(PLAN_EACH_CALL) }).toEqual({ name, count: true, page: true });
    }
    for (const name of ['タカハシ', 'サトウ', 'さとう', '佐藤花']) expect({ name, page: sql({ name }).page(false) }).toEqual({ name, page: expect.stringContaining('OFFSET 0) AS matched') });
    for (const name of ['佐藤', 'ア', 'ｻﾄ']) {
      // Too short for trigrams: walked in order, ids first.
      expect({ name, page: sql({ name }).page(false) }).toEqual({ name, page: expect.not.stringContaining('OFFSET 0) AS matched') });
      expect({ name, page: sql({ name }).page(false) }).toEqual({ name, page: expect.stringContaining('AS walked') });
      expect({ name, count: sql({ name }).count }).toEqual({ name, count: expect.stringContaining('COLLATE "C" LIKE :namePattern') });
    }
  });

  it('prepares a prefix search and a search without a name (their generic plans read the ordered index)', () => {
    for (const query of [{ name: 'タカハシ', match: 'prefix' as const }, { birthDate: '2019-06-01' }]) {
      const search = sql(query);
      expect({ query, count: search.count?.startsWith(PLAN_EACH_CALL), page: search.page(false).startsWith(PLAN_EACH_CALL) }).toEqual({ query, count: false, page: false });
    }
  });

  it('reads a prefix as a range in byte order, without a LIKE tested on every entry', () => {
    const search = sql({ name: 'タカハシ', match: 'prefix' });
    for (const text of [search.count as string, search.page(false)]) {
      expect(text).toContain('p.name_kana_normalized COLLATE "C" >= :nameFrom');
      expect(text).not.toContain('LIKE');
    }
    expect(search.params).toMatchObject({ nameFrom: 'タカハシ', nameTo: 'タカハジ' });
    // No string is above every string starting with the last code point (a kanji-side key): the LIKE is then the only bound.
    const unbounded = sql({ name: '\u{10FFFF}', match: 'prefix' });
    expect(unbounded.count).toContain('p.name_kanji_normalized COLLATE "C" LIKE :namePattern');
    expect(unbounded.count).not.toContain(':nameFrom');
    expect(unbounded.params.namePattern).toBe('\u{10FFFF}%');
  });
});
