import { invalidTransition } from '../../common/problem/problem';
import { FacilityRoundStatus } from './entities/facility-round.entity';

export type RoundAction = 'update' | 'record' | 'cancel';

const ALLOWED: Record<FacilityRoundStatus, readonly RoundAction[]> = {
  [FacilityRoundStatus.Planned]: ['update', 'record', 'cancel'],
  [FacilityRoundStatus.Done]: [],
  [FacilityRoundStatus.Cancelled]: [],
};

/** A planned round is changed, recorded or cancelled; a recorded or cancelled one is history. */
export function allowedRoundActions(status: FacilityRoundStatus): readonly RoundAction[] {
  return ALLOWED[status];
}

export function assertRoundAction(status: FacilityRoundStatus, action: RoundAction): void {
  if (!ALLOWED[status].includes(action)) throw invalidTransition(status, action, ALLOWED[status]);
}
