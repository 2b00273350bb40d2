import { reportDueOn, reportingAnchor } from './progress-report-schedule';

describe('progress report schedule', () => {
  it('counts every due date from the anchor', () => {
    expect(reportDueOn('2026-05-01', 3, 1)).toBe('2026-08-01');
    expect(reportDueOn('2026-05-01', 3, 2)).toBe('2026-11-01');
    expect(reportDueOn('2026-11-15', 3, 2)).toBe('2027-05-15');
  });

  it('does not drift after a month-end clamp', () => {
    expect(reportDueOn('2026-01-31', 1, 1)).toBe('2026-02-28');
    expect(reportDueOn('2026-01-31', 1, 2)).toBe('2026-03-31');
  });

  it('anchors on the measure date, else the receipt date', () => {
    expect(reportingAnchor({ measureStartOn: '2026-04-20', receivedOn: '2026-05-01' })).toBe('2026-04-20');
    expect(reportingAnchor({ measureStartOn: null, receivedOn: '2026-05-01' })).toBe('2026-05-01');
  });

  it('refuses report numbers below 1', () => {
    expect(() => reportDueOn('2026-05-01', 3, 0)).toThrow(RangeError);
  });
});
