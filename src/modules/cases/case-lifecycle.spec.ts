import { Role } from '../../common/auth/roles';
import { ProblemException } from '../../common/problem/problem';
import { assertCaseStateAction, caseUiActions, statusAfter } from './case-lifecycle';
import { CaseStatus } from './entities/case.entity';

const actor = (roles: Role[]) => ({ userId: 'u', loginId: 'u', officeId: 'o', roles, sessionId: 's' });

describe('case lifecycle', () => {
  it.each([
    [CaseStatus.Open, 'close', CaseStatus.Closed],
    [CaseStatus.Reopened, 'close', CaseStatus.Closed],
    [CaseStatus.Closed, 'reopen', CaseStatus.Reopened],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(statusAfter(from, action)).toBe(to);
  });

  it.each([
    [CaseStatus.Open, 'reopen'],
    [CaseStatus.Reopened, 'reopen'],
    [CaseStatus.Closed, 'close'],
    [CaseStatus.Closed, 'edit'],
  ] as const)('refuses %s --%s--> with the allowed actions', (from, action) => {
    try {
      assertCaseStateAction(from, action);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const problem = (error as ProblemException).problem;
      expect(problem.status).toBe(409);
      expect(problem.extensions).toMatchObject({ state: from });
    }
  });

  it('offers supervisor actions to supervisors only, and nothing on a read-only share', () => {
    const open = { status: CaseStatus.Open, restricted: false, pendingTransfer: false };
    expect(caseUiActions(actor([Role.Consultant]), open, 'full')).toEqual(['update', 'add_member', 'add_note', 'record_report', 'record_progress_review']);
    expect(caseUiActions(actor([Role.Supervisor]), open, 'full')).toEqual(['update', 'add_member', 'add_note', 'record_report', 'record_progress_review', 'assign', 'close', 'restrict', 'transfer']);
    expect(caseUiActions(actor([Role.Supervisor]), { ...open, restricted: true, pendingTransfer: true }, 'full')).toContain('unrestrict');
    expect(caseUiActions(actor([Role.Supervisor]), { ...open, pendingTransfer: true }, 'full')).not.toContain('transfer');
    expect(caseUiActions(actor([Role.Supervisor]), { ...open, status: CaseStatus.Closed }, 'full')).toEqual(['reopen']);
    expect(caseUiActions(actor([Role.Supervisor]), open, 'read_only')).toEqual([]);
  });
});
