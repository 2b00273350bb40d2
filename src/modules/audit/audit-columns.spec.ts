import { storable } from './audit-columns';

describe('storable', () => {
  it('replaces NUL and lone surrogates by U+FFFD, in keys and values, at any depth', () => {
    const loneHigh = '\uD83D';
    const loneLow = '\uDE00';
    expect(storable(`a\u0000b`)).toBe('a\uFFFDb');
    expect(storable(`x${loneHigh}y${loneLow}`)).toBe('x\uFFFDy\uFFFD');
    expect(storable({ [`k\u0000`]: [`v${loneHigh}`, { deep: `\u0000` }] })).toEqual({ 'k\uFFFD': ['v\uFFFD', { deep: '\uFFFD' }] });
  });

  it('keeps well-formed text as it is: kanji, kana, half-width kana, combining marks, emoji', () => {
    for (const text of ['山田 花子', 'ヤマダ ハナコ', 'ﾔﾏﾀﾞ', 'か\u3099', '👪🏽', '']) expect(storable(text)).toBe(text);
    const when = new Date('2026-11-27T00:00:00Z');
    expect(storable({ when, n: 1, none: null, yes: true })).toEqual({ when, n: 1, none: null, yes: true });
  });
});
