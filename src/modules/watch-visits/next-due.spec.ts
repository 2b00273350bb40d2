import { VisitFrequency, WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';
import { addInterval, deriveNextDue, NextDueInput } from './next-due';

const plan = (overrides: Partial<NextDueInput> = {}): NextDueInput => ({
  status: WatchVisitPlanStatus.Active,
  frequency: VisitFrequency.Weekly,
  intervalDays: null,
  startOn: '2026-04-06',
  lastDone: null,
  revisitOn: null,
  resumedOn: null,
  ...overrides,
});

describe('deriveNextDue', () => {
  it('is the start date before any visit is done', () => {
    expect(deriveNextDue(plan())).toBe('2026-04-06');
  });

  it('adds the interval to the last visit done, per frequency', () => {
    const lastDone = { visitedOn: '2026-04-08', nextVisitOn: null }; // Wednesday
    expect(deriveNextDue(plan({ lastDone }))).toBe('2026-04-15');
    expect(deriveNextDue(plan({ lastDone, frequency: VisitFrequency.Biweekly }))).toBe('2026-04-22');
    expect(deriveNextDue(plan({ lastDone, frequency: VisitFrequency.Monthly }))).toBe('2026-05-08');
    expect(deriveNextDue(plan({ lastDone, frequency: VisitFrequency.Custom, intervalDays: 10 }))).toBe('2026-04-20');
  });

  it('moves a derived date off weekends and holidays, but keeps an agreed date as agreed', () => {
    // 2026-04-29 (Wed) 昭和の日; 2026-05-03..06 Golden Week (5/6 振替休日).
    expect(deriveNextDue(plan({ lastDone: { visitedOn: '2026-04-22', nextVisitOn: null } }))).toBe('2026-04-30');
    expect(deriveNextDue(plan({ lastDone: { visitedOn: '2026-04-05', nextVisitOn: null }, frequency: VisitFrequency.Monthly }))).toBe('2026-05-07');
    expect(deriveNextDue(plan({ lastDone: { visitedOn: '2026-04-08', nextVisitOn: '2026-04-11' } }))).toBe('2026-04-11'); // a Saturday, agreed
  });

  it('prefers a re-visit date set after a failed attempt, then the date agreed at the last visit done', () => {
    const lastDone = { visitedOn: '2026-04-08', nextVisitOn: '2026-04-13' };
    expect(deriveNextDue(plan({ lastDone }))).toBe('2026-04-13');
    expect(deriveNextDue(plan({ lastDone, revisitOn: '2026-04-14' }))).toBe('2026-04-14');
  });

  it('a failed attempt without a re-visit date leaves the due date where the last visit done put it', () => {
    expect(deriveNextDue(plan({ lastDone: { visitedOn: '2026-04-08', nextVisitOn: null }, revisitOn: null }))).toBe('2026-04-15');
  });

  it('has no due date while paused or after the end', () => {
    const lastDone = { visitedOn: '2026-04-08', nextVisitOn: null };
    expect(deriveNextDue(plan({ lastDone, status: WatchVisitPlanStatus.Paused }))).toBeNull();
    expect(deriveNextDue(plan({ lastDone, status: WatchVisitPlanStatus.Ended }))).toBeNull();
  });

  it('after resuming, is due no earlier than the resumption, and from the last visit when that is later', () => {
    const lastDone = { visitedOn: '2026-04-08', nextVisitOn: null };
    // Away for a month: due the day the plan resumes, not four weeks overdue.
    expect(deriveNextDue(plan({ lastDone, resumedOn: '2026-05-11' }))).toBe('2026-05-11');
    // A short pause: the regular rhythm still holds.
    expect(deriveNextDue(plan({ lastDone, resumedOn: '2026-04-10' }))).toBe('2026-04-15');
    // A visit done after resuming counts from that visit.
    expect(deriveNextDue(plan({ lastDone: { visitedOn: '2026-05-12', nextVisitOn: null }, resumedOn: '2026-05-11' }))).toBe('2026-05-19');
    // Resumed before a plan that has not started yet: still the start date.
    expect(deriveNextDue(plan({ startOn: '2026-06-01', resumedOn: '2026-05-20' }))).toBe('2026-06-01');
  });
});

describe('addInterval', () => {
  it('clamps months to the last day of the month', () => {
    expect(addInterval('2026-01-31', VisitFrequency.Monthly, null)).toBe('2026-02-28');
  });

  it('refuses a custom frequency without a number of days', () => {
    expect(() => addInterval('2026-01-31', VisitFrequency.Custom, null)).toThrow(RangeError);
  });
});
