import { MAX_INPUT_DEPTH, unsafeInputErrors } from './input-safety';

describe('unsafeInputErrors', () => {
  it('accepts ordinary Japanese text, emoji (paired surrogates) and nesting within the limit', () => {
    expect(unsafeInputErrors({ name: '山田 ﾊﾅｺ 👨‍👩‍👧', children: [{ note: 'e\u0301' }] })).toEqual([]);
    let nested: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) nested = [nested];
    expect(unsafeInputErrors({ a: nested })).toEqual([]);
  });

  it('names the field holding NUL or a lone surrogate', () => {
    expect(unsafeInputErrors({ address: 'a\u0000b' })).toEqual([expect.objectContaining({ field: 'address', code: 'invalid_characters' })]);
    expect(unsafeInputErrors({ children: [{ note: 'x\uD800' }] })).toEqual([expect.objectContaining({ field: 'children[0].note', code: 'invalid_characters' })]);
    expect(unsafeInputErrors({ note: '\uDC00 trailing half' })).toHaveLength(1);
  });

  it('stops at the depth limit without walking further (100k levels answer at once)', () => {
    let nested: unknown = [];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(unsafeInputErrors({ address: nested })).toEqual([expect.objectContaining({ field: expect.stringMatching(/^address/), code: 'too_deep' })]);
  });
});
