import { Role } from '../../common/auth/roles';
import { planStayReminders, returnCheckKey, startsTomorrowKey } from './short-stay-reminder-plan';

const stay = { id: 'stay-1', officeId: 'office-1', workerId: 'worker-1', firstNight: '2026-07-10', lastNight: '2026-07-12' };

describe('planStayReminders', () => {
  it('reminds the worker the day before at 09:00 JST, and plans the return check with its escalation', () => {
    const now = new Date('2026-07-01T03:00:00Z');
    const [starts, returnCheck] = planStayReminders(stay, now);
    expect(starts).toEqual({
      key: startsTomorrowKey('stay-1'),
      rule: 'short_stay.starts_tomorrow',
      subjectType: 'short_stay',
      subjectId: 'stay-1',
      officeId: 'office-1',
      title: expect.any(String),
      dueAt: new Date('2026-07-09T00:00:00Z'),
      recipients: [{ kind: 'user', userId: 'worker-1' }],
    });
    expect(returnCheck.key).toBe(returnCheckKey('stay-1'));
    expect(returnCheck.rule).toBe('short_stay.return_check_due');
    // Last night 07-12: due 07-15 09:00 JST, escalation 07-17 09:00 JST.
    expect(returnCheck.dueAt).toEqual(new Date('2026-07-15T00:00:00Z'));
    expect(returnCheck.recipients).toEqual([{ kind: 'user', userId: 'worker-1' }]);
    expect(returnCheck.escalation).toEqual({
      at: new Date('2026-07-17T00:00:00Z'),
      recipients: [{ kind: 'office_role', officeId: 'office-1', role: Role.Supervisor }],
      title: expect.any(String),
      urgent: true,
    });
  });

  it('approved on the afternoon before the first night: the start reminder is due at once', () => {
    const now = new Date('2026-07-09T06:00:00Z'); // 15:00 JST on 07-09
    const [starts] = planStayReminders(stay, now);
    expect(starts.key).toBe(startsTomorrowKey('stay-1'));
    expect(starts.dueAt).toEqual(now);
  });

  it('a stay starting today (JST) gets no start reminder', () => {
    const now = new Date('2026-07-09T15:30:00Z'); // 00:30 JST on 07-10
    const planned = planStayReminders(stay, now);
    expect(planned.map((p) => p.key)).toEqual([returnCheckKey('stay-1')]);
  });

  it('titles carry no names or free text', () => {
    for (const p of planStayReminders(stay, new Date('2026-07-01T00:00:00Z'))) {
      expect(p.title.length).toBeLessThanOrEqual(100);
      expect(p.escalation?.title?.length ?? 0).toBeLessThanOrEqual(100);
    }
  });
});
