import { ProblemException } from '../../common/problem/problem';
import { allowedActions, nextStatus } from './short-stay-state-machine';
import { ShortStayAction as A, ShortStayStatus as S } from './short-stay.enums';

describe('short-stay state machine', () => {
  it.each([
    [S.Requested, A.Approve, S.Approved],
    [S.Requested, A.Reject, S.Rejected],
    [S.Requested, A.Cancel, S.Cancelled],
    [S.Requested, A.Update, S.Requested],
    [S.Approved, A.CheckIn, S.InStay],
    [S.Approved, A.Cancel, S.Cancelled],
    [S.Approved, A.Extend, S.Approved],
    [S.InStay, A.Extend, S.InStay],
    [S.InStay, A.Complete, S.Completed],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each([
    [S.Requested, A.CheckIn],
    [S.Requested, A.Complete],
    [S.Approved, A.Approve],
    [S.Approved, A.Complete],
    [S.InStay, A.Cancel],
    [S.Rejected, A.Approve],
    [S.Completed, A.Cancel],
    [S.Cancelled, A.Approve],
  ])('%s refuses %s with 409 and the allowed actions', (from, action) => {
    try {
      nextStatus(from, action);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const problem = (error as ProblemException).problem;
      expect(problem.status).toBe(409);
      expect(problem.extensions).toEqual({ state: from, allowed: allowedActions(from) });
    }
  });

  it('final states allow nothing', () => {
    for (const s of [S.Rejected, S.Completed, S.Cancelled]) expect(allowedActions(s)).toEqual([]);
  });
});
