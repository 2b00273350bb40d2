import { ProblemException } from '../../common/problem/problem';
import { WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';
import { allowedPlanActions, assertPlanAction } from './plan-state';

describe('watch-visit plan states', () => {
  it('pauses and ends an active plan, resumes only a paused one', () => {
    expect(allowedPlanActions(WatchVisitPlanStatus.Active)).toEqual(['update', 'pause', 'end']);
    expect(allowedPlanActions(WatchVisitPlanStatus.Paused)).toEqual(['update', 'resume', 'end']);
    expect(() => assertPlanAction(WatchVisitPlanStatus.Active, 'resume')).toThrow(ProblemException);
    expect(() => assertPlanAction(WatchVisitPlanStatus.Paused, 'pause')).toThrow(ProblemException);
  });

  it('leaves an ended plan alone, answering 409 with no allowed action', () => {
    for (const action of ['update', 'pause', 'resume', 'end'] as const) {
      try {
        assertPlanAction(WatchVisitPlanStatus.Ended, action);
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(ProblemException);
        expect((error as ProblemException).problem).toMatchObject({ status: 409, extensions: { state: 'ended', allowed: [] } });
      }
    }
  });
});
