import { checkAttendanceFigures, daysInMonth, isLongAbsence, isReportOverdue, latestOverdueMonth, reportDeadline } from './attendance-rules';

describe('attendance rules', () => {
  it('a long absence starts at 7 consecutive days, not 6', () => {
    expect(isLongAbsence(6)).toBe(false);
    expect(isLongAbsence(7)).toBe(true);
    expect(isLongAbsence(0)).toBe(false);
  });

  it("a month's report is due by the 10th of the next month, and missing from the 11th", () => {
    expect(reportDeadline('2026-04-01')).toBe('2026-05-10');
    expect(reportDeadline('2026-12-01')).toBe('2027-01-10');
    expect(isReportOverdue('2026-04-01', '2026-05-10')).toBe(false);
    expect(isReportOverdue('2026-04-01', '2026-05-11')).toBe(true);
    expect(latestOverdueMonth('2026-05-10')).toBe('2026-03-01');
    expect(latestOverdueMonth('2026-05-11')).toBe('2026-04-01');
    expect(latestOverdueMonth('2027-01-31')).toBe('2026-12-01');
  });

  it('the figures add up for the month', () => {
    expect(daysInMonth('2028-02-01')).toBe(29);
    expect(checkAttendanceFigures({ daysAttended: 18, daysAbsent: 3, absencesExplained: true, longestConsecutiveAbsence: 2 }, '2026-04-01')).toEqual([]);
    expect(checkAttendanceFigures({ daysAttended: 20, daysAbsent: 0, longestConsecutiveAbsence: 0 }, '2026-04-01')).toEqual([]);
    const codes = checkAttendanceFigures({ daysAttended: 25, daysAbsent: 5, longestConsecutiveAbsence: 6 }, '2026-02-01').map((e) => e.code);
    expect(codes).toEqual(['more_days_than_the_month', 'more_than_days_absent', 'required_with_absences']);
    expect(checkAttendanceFigures({ daysAttended: 20, daysAbsent: 0, absencesExplained: false, longestConsecutiveAbsence: 0 }, '2026-04-01').map((e) => e.code)).toEqual(['only_with_absences']);
  });
});
