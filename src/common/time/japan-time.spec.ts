import { addDays, addMonths, ageOn, daysBetween, fiscalYearLabel, fiscalYearOf, fiscalYearRange, isValidJapanDate, japanDateOf, japanDateTime } from './japan-time';

describe('Japan time', () => {
  it('maps instants to Japan dates across midnight JST', () => {
    expect(japanDateOf(new Date('2026-03-31T14:59:59.999Z'))).toBe('2026-03-31');
    expect(japanDateOf(new Date('2026-03-31T15:00:00.000Z'))).toBe('2026-04-01');
    expect(japanDateTime('2026-04-01').toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(japanDateTime('2026-04-01', 9, 30).toISOString()).toBe('2026-04-01T00:30:00.000Z');
  });

  it('puts March 31 and April 1 in different fiscal years', () => {
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2027-04-01')).toBe(2027);
    const fy = fiscalYearRange(2026);
    expect(fy).toMatchObject({ firstDay: '2026-04-01', lastDay: '2027-03-31' });
    expect(fy.start.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(fy.end.toISOString()).toBe('2027-03-31T15:00:00.000Z');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2026)).toBe('令和8年度');
  });

  it('does calendar arithmetic', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(daysBetween('2026-12-25', '2027-01-05')).toBe(11);
    expect(isValidJapanDate('2026-02-29')).toBe(false);
    expect(isValidJapanDate('2028-02-29')).toBe(true);
    expect(isValidJapanDate('2026-13-01')).toBe(false);
  });

  it('tells calendar dates from other text as a Date round trip does', () => {
    // The check this module made before reading dates by hand: a regular expression, then a Date round trip.
    const byDate = (value: string) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!match) return false;
      const [, y, m, d] = match.map(Number);
      const probe = new Date(Date.UTC(y, m - 1, d));
      return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
    };
    const samples = ['2024-02-29', '2023-02-29', '2100-02-29', '2000-02-29', '1900-02-29', '0099-12-31', '0100-01-01', '9999-12-31',
      '2024-00-10', '2024-13-01', '2024-01-00', '2024-04-31', '2024-1-01', ' 2024-01-01', '2024-01-01 ', '2024/01/01', '２０２４-01-01',
      '2024-01-0a', '-024-01-01', '2024-01-01T00', '', '20240101'];
    let seed = 3;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (let i = 0; i < 3000; i++) samples.push(`${pad(next(3000), 4)}-${pad(next(14), 2)}-${pad(next(33), 2)}`);
    for (const value of samples) expect([value, isValidJapanDate(value)]).toEqual([value, byDate(value)]);
  });

  it('counts age from the birthday', () => {
    expect(ageOn('2014-05-10', '2027-05-09')).toBe(12);
    expect(ageOn('2014-05-10', '2027-05-10')).toBe(13);
    expect(ageOn('2016-02-29', '2027-02-28')).toBe(10);
    expect(ageOn('2016-02-29', '2027-03-01')).toBe(11);
  });
});
