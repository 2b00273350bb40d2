import fc from 'fast-check';
import { ProblemException } from '../../common/problem/problem';
import { Role } from '../../common/auth/roles';
import { referralActionRefusal } from './referral-action-rules';
import { ReferralAction, ReferralState } from './referral.enums';
import { ReferralStateMachine } from './referral-state-machine';

const S = ReferralState;
const A = ReferralAction;

/** The whole table: every (state, action) pair not listed here must be refused. */
const LEGAL: Array<[ReferralState, ReferralAction, ReferralState]> = [
  [S.Draft, A.Submit, S.Submitted],
  [S.Draft, A.Withdraw, S.Closed],
  [S.Submitted, A.Approve, S.Approved],
  [S.Submitted, A.Return, S.Returned],
  [S.Returned, A.Revise, S.Draft],
  [S.Returned, A.Withdraw, S.Closed],
  [S.Approved, A.Send, S.Sent],
  [S.Sent, A.Accept, S.Accepted],
  [S.Sent, A.Decline, S.Declined],
  [S.Accepted, A.Close, S.Closed],
  [S.Declined, A.Close, S.Closed],
];

const allPairs = Object.values(S).flatMap((state) => Object.values(A).map((action) => [state, action] as const));
const illegal = allPairs.filter(([state, action]) => !LEGAL.some(([s, a]) => s === state && a === action));

describe('ReferralStateMachine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(ReferralStateMachine.canPerform(from, action)).toBe(true);
    expect(ReferralStateMachine.next(from, action)).toBe(to);
  });

  it(`refuses the ${illegal.length} other pairs with 409 and the allowed actions`, () => {
    expect(illegal.length).toBe(Object.values(S).length * Object.values(A).length - LEGAL.length);
    for (const [state, action] of illegal) {
      expect(ReferralStateMachine.canPerform(state, action)).toBe(false);
      let thrown: unknown;
      try {
        ReferralStateMachine.next(state, action);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProblemException);
      const problem = (thrown as ProblemException).problem;
      expect(problem.status).toBe(409);
      expect(problem.type).toBe('invalid-state-transition');
      expect(problem.extensions).toEqual({ state, allowed: LEGAL.filter(([s]) => s === state).map(([, a]) => a) });
    }
  });

  it('allows edits in draft only', () => {
    expect(() => ReferralStateMachine.assertEditable(S.Draft)).not.toThrow();
    for (const state of Object.values(S).filter((s) => s !== S.Draft)) {
      expect(() => ReferralStateMachine.assertEditable(state)).toThrow(ProblemException);
    }
  });

  it('closed is terminal, and every state is reachable from draft', () => {
    expect(ReferralStateMachine.allowedActions(S.Closed)).toEqual([]);
    const seen = new Set<ReferralState>([S.Draft]);
    const queue = [S.Draft];
    while (queue.length) {
      const state = queue.shift()!;
      for (const action of ReferralStateMachine.allowedActions(state)) {
        const next = ReferralStateMachine.next(state, action);
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual(Object.values(S).sort());
  });

  it('any sequence of actions either follows the table or is refused without changing state', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.values(A)), { maxLength: 30 }), (actions) => {
        let state: ReferralState = S.Draft;
        for (const action of actions) {
          const legal = LEGAL.find(([s, a]) => s === state && a === action);
          if (legal) state = ReferralStateMachine.next(state, action);
          else expect(() => ReferralStateMachine.next(state, action)).toThrow(ProblemException);
          if (legal) expect(state).toBe(legal[2]);
        }
      }),
    );
  });
});

describe('referralActionRefusal', () => {
  const officeA = 'office-a';
  const officeB = 'office-b';
  const referral = { authorId: 'author', officeId: officeA };
  const author = { userId: 'author', officeId: officeA, roles: [Role.Consultant] };
  const colleague = { userId: 'colleague', officeId: officeA, roles: [Role.Consultant] };
  const supervisor = { userId: 'boss', officeId: officeA, roles: [Role.Supervisor] };
  const supervisorAuthor = { userId: 'author', officeId: officeA, roles: [Role.Supervisor] };
  const otherSupervisor = { userId: 'boss-b', officeId: officeB, roles: [Role.Supervisor] };
  const liaison = { userId: 'liaison', officeId: officeB, roles: [Role.Liaison] };

  it.each([
    ['author edits', author, 'edit', true],
    ['colleague edits', colleague, 'edit', false],
    ['supervisor edits someone else\'s draft', supervisor, 'edit', false],
    ['author submits', author, A.Submit, true],
    ['colleague submits', colleague, A.Submit, false],
    ['author revises', author, A.Revise, true],
    ['supervisor revises', supervisor, A.Revise, false],
    ['author withdraws', author, A.Withdraw, true],
    ['office supervisor withdraws', supervisor, A.Withdraw, true],
    ['colleague withdraws', colleague, A.Withdraw, false],
    ['office supervisor approves', supervisor, A.Approve, true],
    ['office supervisor returns', supervisor, A.Return, true],
    ['supervisor approves own draft', supervisorAuthor, A.Approve, false],
    ['supervisor returns own draft', supervisorAuthor, A.Return, false],
    ['consultant approves', colleague, A.Approve, false],
    ['author (consultant) approves', author, A.Approve, false],
    ['other office supervisor approves', otherSupervisor, A.Approve, false],
    ['liaison approves', liaison, A.Approve, false],
    ['author sends', author, A.Send, true],
    ['liaison sends', liaison, A.Send, true],
    ['colleague sends', colleague, A.Send, false],
    ['liaison records acceptance', liaison, A.Accept, true],
    ['office supervisor records decline', supervisor, A.Decline, true],
    ['other office supervisor records acceptance', otherSupervisor, A.Accept, false],
    ['author closes', author, A.Close, true],
    ['liaison closes', liaison, A.Close, false],
  ] as const)('%s', (_name, actor, action, allowed) => {
    expect(referralActionRefusal(actor, referral, action) === null).toBe(allowed);
  });
});
