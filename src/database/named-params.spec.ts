import { toPositional } from './named-params';

describe('toPositional', () => {
  it('numbers named parameters after the existing ones and leaves casts alone', () => {
    const params: unknown[] = ['first'];
    const sql = toPositional(`(c.office_id = :office AND c.x::date > :day OR c.y = :office)`, { office: 'o1', day: '2026-01-01' }, params);
    expect(sql).toBe(`(c.office_id = $2 AND c.x::date > $3 OR c.y = $4)`);
    expect(params).toEqual(['first', 'o1', '2026-01-01', 'o1']);
  });
  it('refuses a parameter without a value', () => {
    expect(() => toPositional(':missing', {}, [])).toThrow('no value for parameter :missing');
  });
});
