import { todayInJapan } from '../src/common/time/japan-time';
import { createCaseWithChild } from './factories/casework';
import { TestApp } from './harness/test-app';

/**
 * Working-day arithmetic end to end: a rule that counts working days (見守り訪問:
 * remind the working day before the visit, escalate 3 working days after it)
 * schedules its reminders across a national holiday and the year-end closure
 * (12/29–1/3). The expected dates are worked out by hand from the calendar,
 * not with the code under test, for the next closure still ahead.
 */
interface Calendar {
  /** A visit due on the last working day before the closure: reminded the day before, escalated after the closure. */
  beforeClosure: { startOn: string; due: string; escalation: string };
  /** A visit due on the first working day after the closure: reminded on the last working day before it. */
  afterClosure: { startOn: string; due: string };
  /** A visit due the day after 成人の日 (2nd Monday of January): reminded on the Friday before. */
  afterHoliday: { startOn: string; due: string };
}
const CALENDARS: Record<number, Calendar> = {
  // 12/28 Mon; closure Tue 12/29 – Sun 1/3; 1/4 Mon; 成人の日 Mon 1/11.
  2026: {
    beforeClosure: { startOn: '2026-12-28', due: '2026-12-25', escalation: '2027-01-06' },
    afterClosure: { startOn: '2027-01-04', due: '2026-12-28' },
    afterHoliday: { startOn: '2027-01-12', due: '2027-01-08' },
  },
  // 12/28 Tue; closure Wed 12/29 – Mon 1/3; 1/4 Tue; 成人の日 Mon 1/10.
  2027: {
    beforeClosure: { startOn: '2027-12-28', due: '2027-12-27', escalation: '2028-01-06' },
    afterClosure: { startOn: '2028-01-04', due: '2027-12-28' },
    afterHoliday: { startOn: '2028-01-11', due: '2028-01-07' },
  },
  // 12/28 Thu; closure Fri 12/29 – Wed 1/3; 1/4 Thu, 1/5 Fri, 成人の日 Mon 1/8: the escalation crosses both.
  2028: {
    beforeClosure: { startOn: '2028-12-28', due: '2028-12-27', escalation: '2029-01-09' },
    afterClosure: { startOn: '2029-01-04', due: '2028-12-28' },
    afterHoliday: { startOn: '2029-01-09', due: '2029-01-05' },
  },
};

describe('working days in reminder rules', () => {
  let t: TestApp;
  let consultant: string;
  let c1: string;
  let nerima: string;

  beforeAll(async () => {
    t = await TestApp.start();
    consultant = await t.login('consultant1');
    c1 = await t.userId('consultant1');
    nerima = await t.officeId('CFS-NERIMA');
  });
  afterAll(async () => {
    await t.close();
  });

  const today = todayInJapan();
  const year = Object.keys(CALENDARS)
    .map(Number)
    .find((y) => `${y}-12-24` > today);
  /** 09:00 in Japan is 00:00 UTC of the same date. */
  const nineJst = (date: string) => `${date}T00:00:00.000Z`;

  const planReminders = async (startOn: string) => {
    const family = await createCaseWithChild(t.dataSource, { officeId: nerima, leadWorkerId: c1 });
    const res = await t.post('/api/v1/watch-visit-plans', { token: consultant, body: { caseId: family.id, frequency: 'weekly', startOn, purpose: '安全確認' } });
    expect(res.status).toBe(201);
    const rows: Array<{ stage: string; due_at: Date; state: string }> = await t.dataSource.query(`SELECT stage, due_at, state FROM reminders WHERE key = $1 ORDER BY stage`, [`watch_visit.due:${res.body.id}`]);
    return Object.fromEntries(rows.map((r) => [r.stage, { dueAt: r.due_at.toISOString(), state: r.state }]));
  };

  it('has a hand-worked calendar for the next year-end closure', () => {
    expect(year).toBeDefined();
  });

  it('skips the year-end closure both ways: reminded before it, escalated after it', async () => {
    const calendar = CALENDARS[year as number];
    expect(await planReminders(calendar.beforeClosure.startOn)).toEqual({
      due: { dueAt: nineJst(calendar.beforeClosure.due), state: 'scheduled' },
      escalation: { dueAt: nineJst(calendar.beforeClosure.escalation), state: 'scheduled' },
    });
    expect((await planReminders(calendar.afterClosure.startOn)).due).toEqual({ dueAt: nineJst(calendar.afterClosure.due), state: 'scheduled' });
  });

  it('skips a national holiday and the weekend before it', async () => {
    const calendar = CALENDARS[year as number];
    expect((await planReminders(calendar.afterHoliday.startOn)).due).toEqual({ dueAt: nineJst(calendar.afterHoliday.due), state: 'scheduled' });
  });
});
