import { Role } from '../../common/auth/roles';
import { japanDateTime } from '../../common/time/japan-time';
import { progressReviewReminder } from './case-reminder-rules';
import { nextReviewAfter, nextReviewAfterLevelChange } from './progress-review-schedule';

describe('進行管理 schedule', () => {
  it('the next review is the interval after the last one, clamped to month ends', () => {
    expect(nextReviewAfter('2026-04-10', 3)).toBe('2026-07-10');
    expect(nextReviewAfter('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('a change of support level brings the review forward, never back', () => {
    expect(nextReviewAfterLevelChange('2026-07-10', '2026-04-10', 1)).toBe('2026-05-10');
    expect(nextReviewAfterLevelChange('2026-05-10', '2026-04-10', 6)).toBe('2026-05-10');
    expect(nextReviewAfterLevelChange(null, '2026-04-10', 3)).toBe('2026-07-10');
  });

  it('reminds the lead worker at 09:00 JST on the day and the supervisors two weeks later', () => {
    const r = progressReviewReminder({ id: 'c1', officeId: 'o1', nextReviewOn: '2026-07-10' });
    expect(r.key).toBe('case.progress_review_due:c1');
    expect(r.dueAt.toISOString()).toBe('2026-07-10T00:00:00.000Z');
    expect(r.dueAt.getTime()).toBe(japanDateTime('2026-07-10', 9).getTime());
    expect(r.recipients).toEqual([{ kind: 'case_lead', caseId: 'c1' }]);
    expect(r.escalation?.at.toISOString()).toBe('2026-07-24T00:00:00.000Z');
    expect(r.escalation?.recipients).toEqual([{ kind: 'office_role', officeId: 'o1', role: Role.Supervisor }]);
  });
});
