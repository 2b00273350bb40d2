import { ProblemException } from '../../common/problem/problem';
import { CentreRequestAction, CentreRequestKind, CentreRequestState, ProgressReportAction, ProgressReportState } from './centre-request.enums';
import { CentreRequestStateMachine, ProgressReportStateMachine } from './centre-request-state-machine';

const S = CentreRequestState;
const A = CentreRequestAction;
const K = CentreRequestKind;

function refusal(run: () => unknown): ProblemException['problem'] | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return (error as ProblemException).problem;
  }
}

describe('CentreRequestStateMachine', () => {
  const legal: Array<[CentreRequestKind, CentreRequestState, CentreRequestAction, CentreRequestState]> = [
    [K.CaseTransfer, S.Received, A.Assign, S.Assigned],
    [K.CaseTransfer, S.Assigned, A.Start, S.InProgress],
    [K.CaseTransfer, S.InProgress, A.Close, S.Closed],
    [K.EntrustedGuidance, S.Received, A.Assign, S.Assigned],
    [K.EntrustedGuidance, S.Assigned, A.Start, S.InProgress],
    [K.EntrustedGuidance, S.InProgress, A.Lift, S.Lifted],
    [K.EntrustedGuidance, S.InProgress, A.Close, S.Closed],
  ];

  it.each(legal)('%s: %s --%s--> %s', (kind, from, action, to) => {
    expect(CentreRequestStateMachine.next(from, kind, action)).toBe(to);
  });

  it('refuses every other (kind, state, action) with 409 and the allowed actions', () => {
    let refused = 0;
    for (const kind of Object.values(K)) {
      for (const state of Object.values(S)) {
        for (const action of Object.values(A)) {
          if (legal.some(([k, s, a]) => k === kind && s === state && a === action)) continue;
          const problem = refusal(() => CentreRequestStateMachine.next(state, kind, action));
          expect(problem).toMatchObject({ status: 409, type: 'invalid-state-transition' });
          expect(problem!.extensions!.allowed).toEqual(legal.filter(([k, s]) => k === kind && s === state).map(([, , a]) => a));
          refused += 1;
        }
      }
    }
    expect(refused).toBe(2 * 5 * 4 - legal.length);
  });

  it('a 事案送致 is never lifted: it is closed', () => {
    expect(CentreRequestStateMachine.allowedActions(S.InProgress, K.CaseTransfer)).toEqual([A.Close]);
    expect(CentreRequestStateMachine.allowedActions(S.InProgress, K.EntrustedGuidance)).toEqual([A.Lift, A.Close]);
  });
});

describe('ProgressReportStateMachine', () => {
  const R = ProgressReportState;
  const P = ProgressReportAction;
  const legal: Array<[ProgressReportState, ProgressReportAction, ProgressReportState]> = [
    [R.Draft, P.Submit, R.Submitted],
    [R.Submitted, P.Approve, R.Approved],
    [R.Submitted, P.Return, R.Returned],
    [R.Returned, P.Submit, R.Submitted],
    [R.Approved, P.MarkSent, R.Sent],
  ];

  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(ProgressReportStateMachine.next(from, action)).toBe(to);
  });

  it('refuses every other pair with 409, and allows edits in draft and returned only', () => {
    for (const state of Object.values(R)) {
      for (const action of Object.values(P)) {
        if (legal.some(([s, a]) => s === state && a === action)) continue;
        expect(refusal(() => ProgressReportStateMachine.next(state, action))).toMatchObject({ status: 409, extensions: { state, allowed: ProgressReportStateMachine.allowedActions(state) } });
      }
      const editable = state === R.Draft || state === R.Returned;
      expect(refusal(() => ProgressReportStateMachine.assertEditable(state)) === null).toBe(editable);
    }
  });
});
