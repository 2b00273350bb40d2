import { invalidTransition } from '../../common/problem/problem';
import { WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';

export type PlanAction = 'update' | 'pause' | 'resume' | 'end';

const ALLOWED: Record<WatchVisitPlanStatus, readonly PlanAction[]> = {
  [WatchVisitPlanStatus.Active]: ['update', 'pause', 'end'],
  [WatchVisitPlanStatus.Paused]: ['update', 'resume', 'end'],
  [WatchVisitPlanStatus.Ended]: [],
};

/** What may be done to a plan in each state: an ended plan is history; a new plan is made instead. */
export function allowedPlanActions(status: WatchVisitPlanStatus): readonly PlanAction[] {
  return ALLOWED[status];
}

export function assertPlanAction(status: WatchVisitPlanStatus, action: PlanAction): void {
  if (!ALLOWED[status].includes(action)) throw invalidTransition(status, action, ALLOWED[status]);
}
