import { checkInterviewDates, checkNotificationDates, dueDateWindow, isDueDateConsistent, weeksOn } from './pregnancy-dates';

const today = '2026-06-01';

describe('due date vs weeks of pregnancy', () => {
  it('derives the window from completed weeks plus 7 days tolerance', () => {
    // 10 completed weeks on 2026-05-20: exact due date 2026-05-20 + 210 days = 2026-12-16 (10w0d).
    expect(dueDateWindow('2026-05-20', 10)).toEqual({ earliest: '2026-12-03', latest: '2026-12-23' });
  });

  it.each([
    ['10w0d exactly', '2026-12-16', true],
    ['10w6d (same completed week)', '2026-12-10', true],
    ['last day of the tolerance after', '2026-12-23', true],
    ['one day past the tolerance', '2026-12-24', false],
    ['first day of the tolerance before', '2026-12-03', true],
    ['one day before the tolerance', '2026-12-02', false],
    ['a month off', '2027-01-16', false],
  ])('%s', (_name, due, ok) => {
    expect(isDueDateConsistent('2026-05-20', 10, due)).toBe(ok);
  });

  it('reads the completed weeks back from a due date', () => {
    expect(weeksOn('2026-05-20', '2026-12-16')).toBe(10);
    expect(weeksOn('2026-05-20', '2026-12-10')).toBe(10);
    expect(weeksOn('2026-05-20', '2026-12-09')).toBe(11);
  });
});

describe('checkNotificationDates', () => {
  const fine = { filedOn: '2026-05-20', weeksAtFiling: 10, dueDate: '2026-12-16' };

  it('accepts consistent dates', () => {
    expect(checkNotificationDates(fine, today)).toEqual([]);
  });

  it('rejects a due date that does not match the weeks', () => {
    expect(checkNotificationDates({ ...fine, dueDate: '2027-02-01' }, today)).toEqual([expect.objectContaining({ field: 'dueDate', code: 'inconsistent_with_weeks' })]);
  });

  it('rejects a due date in the past (and says it only once per problem)', () => {
    const errors = checkNotificationDates({ filedOn: '2025-09-01', weeksAtFiling: 8, dueDate: '2026-04-06' }, today);
    expect(errors).toEqual([expect.objectContaining({ field: 'dueDate', code: 'in_past' })]);
  });

  it.each([0, 3, 42, 45])('rejects %i weeks as absurd, without a second error on the due date', (weeks) => {
    expect(checkNotificationDates({ ...fine, weeksAtFiling: weeks }, today)).toEqual([expect.objectContaining({ field: 'weeksAtFiling', code: 'out_of_range' })]);
  });

  it('accepts the boundary weeks 4 and 41', () => {
    expect(checkNotificationDates({ filedOn: '2026-05-20', weeksAtFiling: 4, dueDate: '2027-01-27' }, today)).toEqual([]);
    // 41 weeks means the due date is already behind her: only a filing today with a due date today passes.
    expect(checkNotificationDates({ filedOn: '2026-06-01', weeksAtFiling: 41, dueDate: '2026-06-01' }, today)).toEqual([]);
  });

  it('rejects a filing date in the future', () => {
    expect(checkNotificationDates({ filedOn: '2026-06-02', weeksAtFiling: 10, dueDate: '2026-12-29' }, today)).toEqual([expect.objectContaining({ field: 'filedOn', code: 'in_future' })]);
  });

  it('reports every wrong field at once', () => {
    const fields = checkNotificationDates({ filedOn: '2026-07-01', weeksAtFiling: 2, dueDate: '2026-05-01' }, today).map((e) => e.field);
    expect(fields).toEqual(['filedOn', 'weeksAtFiling', 'dueDate']);
  });
});

describe('checkInterviewDates', () => {
  const notification = { filedOn: '2026-05-20', dueDate: '2026-12-16' };
  const fine = { interviewedOn: '2026-05-27', weeksAtInterview: 11, followUpOn: '2026-07-01', movePlannedOn: null, planningToMove: false };

  it('accepts an interview a week after filing at 11 weeks', () => {
    expect(checkInterviewDates(fine, notification, today)).toEqual([]);
  });

  it('rejects weeks that do not match the due date', () => {
    expect(checkInterviewDates({ ...fine, weeksAtInterview: 20 }, notification, today)).toEqual([expect.objectContaining({ field: 'weeksAtInterview', code: 'inconsistent_with_due_date' })]);
  });

  it('rejects an interview before filing, in the future, and a follow-up before the interview', () => {
    const before = checkInterviewDates({ ...fine, interviewedOn: '2026-05-19', weeksAtInterview: 10, followUpOn: null }, notification, today);
    expect(before).toEqual([expect.objectContaining({ field: 'interviewedOn', code: 'before_filing' })]);
    const future = checkInterviewDates({ ...fine, interviewedOn: '2026-06-02', weeksAtInterview: 12, followUpOn: '2026-06-01' }, notification, today);
    expect(future.map((e) => e.code)).toEqual(['in_future', 'before_interview']);
  });

  it('rejects a move date without a planned move', () => {
    expect(checkInterviewDates({ ...fine, movePlannedOn: '2026-08-01' }, notification, today)).toEqual([expect.objectContaining({ field: 'movePlannedOn' })]);
  });
});
