import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, dayOfWeek } from './japan-time';
import { addWorkingDays, isNationalHoliday, isWorkingDay, isYearEndClosure, workingDaysBetween } from './working-days';

describe('working days', () => {
  it('knows weekends, national holidays (incl. substitute holidays) and the year-end closure', () => {
    expect(isWorkingDay('2025-05-02')).toBe(true); // Friday
    expect(isWorkingDay('2025-05-03')).toBe(false); // Saturday, 憲法記念日
    expect(isWorkingDay('2025-05-06')).toBe(false); // 振替休日: みどりの日 (5/4) fell on a Sunday
    expect(isNationalHoliday('2025-05-06')).toBe(true);
    expect(isWorkingDay('2025-05-07')).toBe(true);
    expect(isWorkingDay('2025-12-26')).toBe(true); // Friday before the closure
    for (const day of ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']) {
      expect(isYearEndClosure(day)).toBe(true);
      expect(isWorkingDay(day)).toBe(false);
    }
    expect(isYearEndClosure('2026-01-05')).toBe(false);
    expect(isWorkingDay('2026-01-05')).toBe(true); // Monday after the closure
  });

  it('adds working days across Golden Week', () => {
    expect(addWorkingDays('2025-05-02', 1)).toBe('2025-05-07');
    expect(addWorkingDays('2025-04-28', 2)).toBe('2025-05-01'); // 4/29 昭和の日 is skipped
    expect(addWorkingDays('2025-05-07', -1)).toBe('2025-05-02');
  });

  it('adds working days across the year-end closure', () => {
    expect(addWorkingDays('2025-12-26', 1)).toBe('2026-01-05');
    // The closure lands on weekdays in 2026-27: 12/28 (Mon) is the last working day, 1/4 (Mon) the first.
    expect(addWorkingDays('2026-12-28', 1)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-24', 3)).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-04', -1)).toBe('2026-12-28');
  });

  it('rolls a non-working day forward with n = 0, and leaves a working day alone', () => {
    expect(addWorkingDays('2025-12-31', 0)).toBe('2026-01-05');
    expect(addWorkingDays('2025-12-26', 0)).toBe('2025-12-26');
  });

  it('counts working days between dates, in either direction', () => {
    expect(workingDaysBetween('2025-12-26', '2026-01-05')).toBe(1);
    expect(workingDaysBetween('2026-01-05', '2025-12-26')).toBe(-1);
    expect(workingDaysBetween('2025-05-01', '2025-05-07')).toBe(2); // 5/2 and 5/7
    expect(workingDaysBetween('2025-05-07', '2025-05-07')).toBe(0);
    // Inverse of addWorkingDays from a working day.
    for (const n of [1, 2, 5, 10, 30]) {
      expect(workingDaysBetween('2025-12-19', addWorkingDays('2025-12-19', n))).toBe(n);
    }
  });

  it('refuses dates it cannot judge', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2099-01-05')).toThrow(/no holiday data/);
    expect(() => addWorkingDays('2025-01-06', 1.5)).toThrow(RangeError);
  });

  it('adds working days as a walk day by day over the calendar does, and stops where the holiday data ends', () => {
    const working = (date: string) => ![0, 6].includes(dayOfWeek(date)) && !isNationalHoliday(date) && !isYearEndClosure(date);
    const walk = (from: string, n: number) => {
      let day = from;
      if (n === 0) {
        while (!working(day)) day = addDays(day, 1);
        return day;
      }
      for (let remaining = Math.abs(n); remaining > 0; ) {
        day = addDays(day, Math.sign(n));
        if (working(day)) remaining -= 1;
      }
      return day;
    };
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) {
      const from = addDays('2019-01-01', Math.floor(next() * 3000));
      const n = Math.floor(next() * 61) - 30;
      expect(addWorkingDays(from, n)).toBe(walk(from, n));
    }
    const lastYear = Math.max(...Object.keys(holidayJp.holidays).map((d) => Number(d.slice(0, 4))));
    expect(() => addWorkingDays(`${lastYear}-12-28`, 1)).toThrow(`no holiday data for ${lastYear + 1}`);
    expect(() => addWorkingDays(`${lastYear}-12-31`, 0)).toThrow(`no holiday data for ${lastYear + 1}`);
  });

  it('counts, from its table, what a walk day by day over the calendar counts', () => {
    const working = (date: string) => ![0, 6].includes(dayOfWeek(date)) && !isNationalHoliday(date) && !isYearEndClosure(date);
    const walk = (from: string, to: string) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (working(day)) count += 1;
      return count;
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 200; i++) {
      const from = addDays('2019-01-01', Math.floor(next() * 3000));
      const to = addDays(from, Math.floor(next() * 400));
      expect(workingDaysBetween(from, to)).toBe(walk(from, to));
      expect(workingDaysBetween(to, from) + walk(from, to)).toBe(0);
      expect(isWorkingDay(to)).toBe(working(to));
    }
  });
});
