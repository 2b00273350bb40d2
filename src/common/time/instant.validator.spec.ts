import { isInstant } from './instant.validator';

describe('isInstant', () => {
  it.each([
    '2026-05-12T15:40:00+09:00',
    '2026-05-12T06:40:00Z',
    '2026-05-12T15:40+09:00',
    '2026-05-12T15:40:00.123Z',
    '2026-05-12T15:40:00.123456-03:30',
    '2024-02-29T23:59:59+09:00',
  ])('takes %s', (value) => {
    expect(isInstant(value)).toBe(true);
  });

  it.each([
    ['no offset', '2026-05-12T15:40:00'],
    ['a date alone', '2026-05-12'],
    ['a space for the T', '2026-05-12 15:40:00+09:00'],
    ['a day that does not exist', '2026-02-30T10:00:00+09:00'],
    ['not a leap year', '2026-02-29T10:00:00+09:00'],
    ['hour 24', '2026-05-12T24:00:00+09:00'],
    ['minute 60', '2026-05-12T15:60:00+09:00'],
    ['an offset without a colon', '2026-05-12T15:40:00+0900'],
    ['an hour alone', '2026-05-12T15+09:00'],
    ['a week date', '2026-W20-2T15:40:00Z'],
    ['trailing text', '2026-05-12T15:40:00Z; DROP TABLE cases'],
    ['a number', 1778568000000],
    ['null', null],
  ])('refuses %s', (_why, value) => {
    expect(isInstant(value)).toBe(false);
  });
});
