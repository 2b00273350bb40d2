import { planDueTimes } from './watch-visit-reminders';

describe('planDueTimes', () => {
  it('reminds at 9:00 Japan time on the working day before the due date, and escalates 3 working days after it', () => {
    // Due Tuesday 2026-11-24: Monday the 23rd is 勤労感謝の日, so the reminder goes on Friday the 20th.
    expect(planDueTimes('2026-11-24')).toEqual({ dueAt: new Date('2026-11-20T00:00:00Z'), escalationAt: new Date('2026-11-27T00:00:00Z') });
  });

  it('steps over the year-end closure and the weekend around it', () => {
    // Due Monday 2027-01-04, the first day open after 12/29–1/3: reminded on Monday 2026-12-28; late from Thursday the 7th.
    expect(planDueTimes('2027-01-04')).toEqual({ dueAt: new Date('2026-12-28T00:00:00Z'), escalationAt: new Date('2027-01-07T00:00:00Z') });
  });
});
