import { ProblemException } from '../../common/problem/problem';
import { FacilityRoundStatus } from './entities/facility-round.entity';
import { allowedRoundActions, assertRoundAction } from './round-state';

describe('facility round states', () => {
  it('records, changes or cancels a planned round only', () => {
    expect(allowedRoundActions(FacilityRoundStatus.Planned)).toEqual(['update', 'record', 'cancel']);
    expect(() => assertRoundAction(FacilityRoundStatus.Planned, 'record')).not.toThrow();
    for (const status of [FacilityRoundStatus.Done, FacilityRoundStatus.Cancelled]) {
      for (const action of ['update', 'record', 'cancel'] as const) {
        expect(() => assertRoundAction(status, action)).toThrow(ProblemException);
      }
    }
  });
});
