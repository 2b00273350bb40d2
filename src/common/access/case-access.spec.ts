import { EntityManager } from 'typeorm';
import { Role } from '../auth/roles';
import { ProblemException } from '../problem/problem';
import { AccessService, CaseAccessFacts, decideCaseAccess } from './access.service';

const OWN = 'office-a';
const OTHER = 'office-b';
const consultant = { officeId: OWN, roles: [Role.Consultant] };
const supervisor = { officeId: OWN, roles: [Role.Supervisor] };
const base = { office_id: OWN, status: 'open', restricted: false, assigned: false, office_policy: 'office' as const, shared: false, granted: false };

describe('decideCaseAccess', () => {
  it.each([
    ['consultant, open case of own office', consultant, {}, 'full'],
    ['consultant, closed unassigned case', consultant, { status: 'closed' }, 'none'],
    ['consultant, closed assigned case', consultant, { status: 'closed', assigned: true }, 'full'],
    ['consultant, office policy "assigned only", unassigned', consultant, { office_policy: 'assigned' as const }, 'none'],
    ['consultant, office policy "assigned only", assigned', consultant, { office_policy: 'assigned' as const, assigned: true }, 'full'],
    ['consultant, restricted unassigned', consultant, { restricted: true }, 'break_glass_required'],
    ['consultant, restricted unassigned with a grant', consultant, { restricted: true, granted: true }, 'full'],
    ['consultant, restricted assigned', consultant, { restricted: true, assigned: true }, 'full'],
    ['supervisor, restricted', supervisor, { restricted: true }, 'full'],
    ['supervisor, closed', supervisor, { status: 'closed' }, 'full'],
    ['consultant, other office', consultant, { office_id: OTHER }, 'none'],
    ['supervisor, other office', supervisor, { office_id: OTHER }, 'none'],
    ['consultant, shared from other office', consultant, { office_id: OTHER, shared: true }, 'read_only'],
    ['consultant, shared restricted', consultant, { office_id: OTHER, shared: true, restricted: true }, 'none'],
    ['supervisor, shared restricted', supervisor, { office_id: OTHER, shared: true, restricted: true }, 'read_only'],
    ['liaison, own office', { officeId: OWN, roles: [Role.Liaison] }, {}, 'none'],
    ['admin, own office', { officeId: OWN, roles: [Role.Admin] }, {}, 'none'],
    ['auditor, own office', { officeId: OWN, roles: [Role.Auditor] }, {}, 'none'],
  ])('%s → %s', (_name, actor, overrides, expected) => {
    expect(decideCaseAccess(actor, { ...base, ...overrides })).toBe(expected);
  });
});

describe('AccessService.assertCaseAccessOf', () => {
  const access = new AccessService();
  const facts = (level: CaseAccessFacts['level']): CaseAccessFacts => ({ id: 'c1', caseNumber: 'K-1', label: '', officeId: OWN, status: 'open', restricted: false, leadWorkerId: null, assigned: false, level });
  const problemOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as ProblemException).problem;
    }
    throw new Error('no problem thrown');
  };

  it('answers a case out of scope as "not found", in the name of the record reached through it when given', () => {
    expect(problemOf(() => access.assertCaseAccessOf(facts('none'), 'read'))).toMatchObject({ status: 404, detail: expect.stringContaining('The case does') });
    expect(problemOf(() => access.assertCaseAccessOf(facts('none'), 'write', 'watch visit'))).toMatchObject({ status: 404, detail: expect.stringContaining('The watch visit does') });
  });

  it('is what assertCaseAccess answers, with the lock it was asked for still taken', async () => {
    const statements: string[] = [];
    const manager = { query: async (sql: string) => (statements.push(sql), []) } as unknown as EntityManager;
    const actor = { userId: 'u1', loginId: 'u1', officeId: OWN, roles: [Role.Consultant], sessionId: 's', consultantScope: 'office' as const };
    await expect(access.assertCaseAccess(manager, actor, 'c1', 'write', { lock: 'key share', notFoundAs: 'watch visit plan' })).rejects.toMatchObject({
      problem: { status: 404, detail: expect.stringContaining('The watch visit plan does') },
    });
    expect(statements[0]).toContain('FOR KEY SHARE');
    await expect(access.assertCaseAccess(manager, actor, 'c1', 'read')).rejects.toMatchObject({ problem: { status: 404, detail: expect.stringContaining('The case does') } });
  });

  it('keeps its other answers whatever the record: break-glass first, reading only for a shared case', () => {
    expect(problemOf(() => access.assertCaseAccessOf(facts('break_glass_required'), 'read', 'watch visit'))).toMatchObject({ status: 403, type: expect.stringContaining('break-glass') });
    expect(problemOf(() => access.assertCaseAccessOf(facts('read_only'), 'write', 'watch visit'))).toMatchObject({ status: 403 });
    expect(access.assertCaseAccessOf(facts('read_only'), 'read', 'watch visit').level).toBe('read_only');
  });
});
