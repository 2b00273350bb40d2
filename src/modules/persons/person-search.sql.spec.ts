import { prefixUpperBound } from './person-search.sql';

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
