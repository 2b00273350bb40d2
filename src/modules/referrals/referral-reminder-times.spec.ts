import { japanDateTime } from '../../common/time/japan-time';
import { workingDaysBetween } from '../../common/time/working-days';
import { answerOverdueAt, reviewOverdueAt } from './referral-reminder-times';

describe('referral reminder times', () => {
  it('a referral submitted on Monday is overdue for review on Thursday at 09:00 JST', () => {
    // 2026-06-01 is a Monday.
    expect(reviewOverdueAt(japanDateTime('2026-06-01', 10, 30))).toEqual(japanDateTime('2026-06-04', 9));
  });

  it('skips weekends and holidays', () => {
    // Thursday 2026-04-30 → Fri 5/1 (1), then Golden Week 5/4–5/6 and the weekend are skipped: 5/7 (2), 5/8 overdue.
    expect(reviewOverdueAt(japanDateTime('2026-04-30', 15))).toEqual(japanDateTime('2026-05-08', 9));
    // Friday 17:00 → Mon (1), Tue (2), Wed overdue.
    expect(reviewOverdueAt(japanDateTime('2026-06-05', 17))).toEqual(japanDateTime('2026-06-10', 9));
  });

  it('agrees with the review queue\'s "more than 2 working days"', () => {
    for (const submitted of ['2026-06-01', '2026-06-05', '2026-12-25', '2026-04-28']) {
      const due = reviewOverdueAt(japanDateTime(submitted, 12));
      const dueDay = new Date(due.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
      expect(workingDaysBetween(submitted, dueDay)).toBe(3);
    }
  });

  it('a referral sent on 6/1 unanswered is followed up on 6/8 at 09:00 JST', () => {
    expect(answerOverdueAt('2026-06-01')).toEqual(japanDateTime('2026-06-08', 9));
  });
});
