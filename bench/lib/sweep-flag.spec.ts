import { flagOf } from './sweep-flag';

describe('the sweep flags a route', () => {
  const ok = Array(12).fill(200);

  it('whose later calls keep a slower plan', () => {
    expect(flagOf(ok, [60, 55, 56, 56, 82, 65, 473, 302, 299, 301, 298, 300])).toMatch(/calls 7-12 took 301 ms at the median, against 56 for calls 2-6/);
  });

  it('that answers 500 or more, or nothing, on any call', () => {
    expect(flagOf([200, 200, 200, 200, 200, 200, 503, 503, 503, 503, 503, 503], Array(12).fill(14))).toBe('answered 503');
    expect(flagOf([...Array(11).fill(200), 0], Array(12).fill(14))).toBe('answered nothing');
  });

  it('not for one slow call, nor for a fast route a little slower', () => {
    expect(flagOf(ok, [48, 23, 16, 19, 15, 14, 49, 14, 14, 13, 13, 13])).toBeNull();
    expect(flagOf(ok, [4, 2, 2, 2, 2, 2, 7, 7, 7, 7, 7, 7])).toBeNull();
  });
});
