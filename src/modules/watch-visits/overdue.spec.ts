import fc from 'fast-check';
import { addDays } from '../../common/time/japan-time';
import { workingDaysBetween } from '../../common/time/working-days';
import { overdueCutoff, overdueFacts } from './overdue';

describe('overdueFacts', () => {
  it('is not overdue on the due date itself', () => {
    expect(overdueFacts('2026-04-08', '2026-04-08')).toEqual({ daysOverdue: 0, workingDaysOverdue: 0, escalated: false });
    expect(overdueFacts('2026-04-08', '2026-04-01')).toEqual({ daysOverdue: 0, workingDaysOverdue: 0, escalated: false });
  });

  it('does not count a weekend as working days overdue', () => {
    // Due Friday 2026-04-10: on Monday it is 3 calendar days but 1 working day late.
    expect(overdueFacts('2026-04-10', '2026-04-13')).toEqual({ daysOverdue: 3, workingDaysOverdue: 1, escalated: false });
    expect(overdueFacts('2026-04-10', '2026-04-15')).toEqual({ daysOverdue: 5, workingDaysOverdue: 3, escalated: true });
  });

  it('does not count Golden Week holidays', () => {
    // Due Thu 2026-04-30; 5/1 Fri works, 5/2-5/6 are off (weekend, 憲法記念日, みどりの日, こどもの日, 振替休日).
    expect(overdueFacts('2026-04-30', '2026-05-06')).toEqual({ daysOverdue: 6, workingDaysOverdue: 1, escalated: false });
    expect(overdueFacts('2026-04-30', '2026-05-07')).toEqual({ daysOverdue: 7, workingDaysOverdue: 2, escalated: false });
    expect(overdueFacts('2026-04-30', '2026-05-08')).toEqual({ daysOverdue: 8, workingDaysOverdue: 3, escalated: true });
  });
});

describe('overdueCutoff', () => {
  it('on a working day and on a weekend', () => {
    expect(overdueCutoff('2026-04-15', 3)).toBe('2026-04-12'); // Wed: due Sun 4/12 or earlier (Mon, Tue, Wed in between)
    expect(overdueCutoff('2026-04-18', 3)).toBe('2026-04-14'); // Sat: Wed, Thu, Fri
  });

  it('agrees with overdueFacts for any date and any threshold', () => {
    const day = fc.integer({ min: 0, max: 3_000 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 10 }), (asOf, offset, n) => {
        const due = addDays(asOf, offset);
        const cutoff = overdueCutoff(asOf, n);
        expect(due <= cutoff).toBe(workingDaysBetween(due, asOf) >= n);
      }),
      { numRuns: 2_000 },
    );
  });
});
