import { formatWarekiDate } from './wareki';

describe('formatWarekiDate', () => {
  it.each([
    ['2026-05-12', '令和8年5月12日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['2020-01-01', '令和2年1月1日'],
  ])('%s → %s', (date, expected) => {
    expect(formatWarekiDate(date)).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() => formatWarekiDate('2026-02-30')).toThrow(RangeError);
  });
});
