import { ScheduleReminder } from '../../src/modules/reminders/reminders.service';

/**
 * Test reminders of one rule, each with a key and subject of its own
 * (`<rule>:<n>`), due `dueInMs` from when it is made, to one user unless
 * told otherwise.
 */
export function reminderMaker(rule: string, defaults: { officeId: () => string; userId: () => string; dueInMs: number }): (overrides?: Partial<ScheduleReminder>) => ScheduleReminder {
  let seq = 0;
  return (overrides = {}) => {
    seq += 1;
    return {
      key: `${rule}:${seq}`,
      rule,
      subjectType: 'test_subject',
      subjectId: `subject-${seq}`,
      officeId: defaults.officeId(),
      title: '確認の期日です',
      dueAt: new Date(Date.now() + defaults.dueInMs),
      recipients: [{ kind: 'user', userId: defaults.userId() }],
      ...overrides,
    };
  };
}
