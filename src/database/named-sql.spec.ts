import fc from 'fast-check';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AccessService } from '../common/access/access.service';
import { Actor } from '../common/auth/actor';
import { Role } from '../common/auth/roles';
import { personSearchSql } from '../modules/persons/person-search.sql';
import { positionalSql } from './named-sql';

/** TypeORM's own conversion, which `positionalSql` must answer exactly as. */
function typeormPositional(sql: string, params: Record<string, unknown>): [string, unknown[]] {
  const driver = { parametersPrefix: '$', createParameter: PostgresDriver.prototype.createParameter } as unknown as PostgresDriver;
  return PostgresDriver.prototype.escapeQueryWithParameters.call(driver, sql, params) as [string, unknown[]];
}

const consultant: Actor = { userId: 'u1', loginId: 'c1', officeId: 'o1', roles: [Role.Consultant], sessionId: 's', consultantScope: 'office' };

describe('positionalSql', () => {
  it('numbers each name once, in order of first use, and leaves casts and names not given alone', () => {
    const [text, values] = positionalSql(`c.office_id = :office AND c.d::date > :day OR c.o = :office AND x = :unknown`, { office: 'o1', day: '2026-04-01' });
    expect(text).toBe(`c.office_id = $1 AND c.d::date > $2 OR c.o = $1 AND x = :unknown`);
    expect(values).toEqual(['o1', '2026-04-01']);
  });

  it('spreads a list after :... and writes a function into the text, as TypeORM does', () => {
    const sql = `id IN (:...ids) AND at > :now AND o = :office`;
    const params = { ids: ['a', 'b', 'c'], now: () => 'now()', office: 'o1' };
    expect(positionalSql(sql, params)).toEqual(typeormPositional(sql, params));
    expect(positionalSql(sql, params)[0]).toBe('id IN ($1, $2, $3) AND at > now() AND o = $4');
  });

  it('hands back the same text for the same query, with this call’s values', () => {
    const sql = `SELECT 1 WHERE a = :a AND b = :b`;
    const [first, firstValues] = positionalSql(sql, { a: 1, b: 2 });
    const [second, secondValues] = positionalSql(['SELECT 1 WHERE a = :a', 'AND b = :b'].join(' '), { a: 3, b: 4 }); // an equal text, built anew
    expect(second).toBe(first);
    expect([firstValues, secondValues]).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // Fewer names given: another form of the same text.
    expect(positionalSql(sql, { b: 5 })).toEqual(['SELECT 1 WHERE a = :a AND b = $1', [5]]);
  });

  it('answers as TypeORM on the scope SQL of a person search', () => {
    const sql = personSearchSql(new AccessService(), consultant, { name: 'ヤマ', match: 'prefix' } as never);
    for (const [text, params] of [
      [sql.count as string, sql.params],
      [sql.page(true), { ...sql.params, take: 21, afterKana: 'ヤマダ', afterId: '00000000-0000-0000-0000-000000000001' }],
    ] as const) {
      expect(positionalSql(text, params)).toEqual(typeormPositional(text, params));
    }
  });

  it('answers as TypeORM on generated texts and parameters', () => {
    const names = ['a', 'b', 'office', 'x.y', 'ids'];
    const piece = fc.oneof(
      fc.constantFrom(' AND ', '::date', ' = ', '(', ')', "'text'", ' :: ', ':', '$1'),
      fc.constantFrom(...names).map((n) => `:${n}`),
      fc.constantFrom(...names).map((n) => `:...${n}`),
    );
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.dictionary(fc.constantFrom(...names), value), (pieces, generated) => {
        const params: Record<string, unknown> = { ...generated }; // an ordinary object, as callers pass
        const sql = pieces.join('');
        // A spread needs a list (TypeORM maps over it); give one wherever a name is spread.
        for (const name of names) if (sql.includes(`:...${name}`) && Object.hasOwn(params, name) && !Array.isArray(params[name])) params[name] = [params[name]];
        expect(positionalSql(sql, params)).toEqual(typeormPositional(sql, params));
        expect(positionalSql(sql, params)).toEqual(typeormPositional(sql, params)); // the second time from the cached form
      }),
      { numRuns: 2000 },
    );
  });
});
