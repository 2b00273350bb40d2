import { isDecimal } from './decimal';

describe('isDecimal', () => {
  it('accepts whole numbers and up to the given decimal places', () => {
    expect([100, 0, -5, 12.5, 12.34, 0.07, 1234567.89].map((v) => isDecimal(v, 2))).toEqual([true, true, true, true, true, true, true]);
  });

  it('refuses more places, exponent-notation fractions, non-finite values and non-numbers, without throwing', () => {
    expect([12.345, 1e-7, -2e-323, Number.NaN, Number.POSITIVE_INFINITY, '12', null].map((v) => isDecimal(v, 2))).toEqual([false, false, false, false, false, false, false]);
  });

  it('accepts large whole numbers written in exponent notation', () => {
    expect(isDecimal(1e9, 2)).toBe(true);
  });
});
