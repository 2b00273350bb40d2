import { Role } from '../../common/auth/roles';
import { ChildAbuseReportStatus, Rule48Result } from './child-abuse-report.entity';
import { safetyConfirmationReminder } from './report-reminder-rules';
import { rule48Result, rule48Status, safetyDueAt } from './rule48';

const HOUR = 3_600_000;
const received = new Date('2026-05-12T06:40:00Z');

describe('48時間ルール', () => {
  it('is met up to and including 48 hours after receipt', () => {
    expect(safetyDueAt(received).getTime()).toBe(received.getTime() + 48 * HOUR);
    expect(rule48Result(received, new Date(received.getTime() + 47 * HOUR))).toBe(Rule48Result.Met);
    expect(rule48Result(received, new Date(received.getTime() + 48 * HOUR))).toBe(Rule48Result.Met);
    expect(rule48Result(received, new Date(received.getTime() + 48 * HOUR + 1))).toBe(Rule48Result.Missed);
  });

  it('status: the stored result once confirmed, else pending or overdue by the clock', () => {
    const open = { status: ChildAbuseReportStatus.Received, receivedAt: received, rule48Result: null };
    expect(rule48Status(open, new Date(received.getTime() + 10 * HOUR))).toBe('pending');
    expect(rule48Status(open, new Date(received.getTime() + 49 * HOUR))).toBe('overdue');
    expect(rule48Status({ ...open, status: ChildAbuseReportStatus.SafetyConfirmed, rule48Result: Rule48Result.Missed }, received)).toBe('missed');
  });

  it('reminds the lead worker at 24 hours and escalates to the supervisors, urgent, at 48', () => {
    const r = safetyConfirmationReminder({ id: 'r1', receivedAt: received }, { id: 'c1', officeId: '00000000-0000-4000-8000-000000000001' });
    expect(r).toMatchObject({ key: 'child_abuse_report.safety_confirmation:r1', rule: 'child_abuse_report.safety_confirmation', subjectType: 'child_abuse_report', subjectId: 'r1' });
    expect(r.dueAt.getTime()).toBe(received.getTime() + 24 * HOUR);
    expect(r.recipients).toEqual([{ kind: 'case_lead', caseId: 'c1' }]);
    expect(r.escalation).toMatchObject({ urgent: true, recipients: [{ kind: 'office_role', officeId: '00000000-0000-4000-8000-000000000001', role: Role.Supervisor }] });
    expect(r.escalation?.at.getTime()).toBe(received.getTime() + 48 * HOUR);
    expect(r.title.length).toBeLessThanOrEqual(100);
  });
});
