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

  it('counts age from the birthday', () => {
    expect(ageOn('2014-05-10', '2027-05-09')).toBe(12);
    expect(ageOn('2014-05-10', '2027-05-10')).toBe(13);
    expect(ageOn('2016-02-29', '2027-02-28')).toBe(10);
    expect(ageOn('2016-02-29', '2027-03-01')).toBe(11);
  });
});
