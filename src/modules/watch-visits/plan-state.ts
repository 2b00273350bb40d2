import { invalidTransition } from '../../common/problem/problem';
import { WatchVisitPlan, WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';

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

/**
 * Ends the plan on `endedOn` for `reason`, lifting a pause in force: what a
 * consultant's "end" and the closure of its case both do to it (the caller
 * then re-derives it, which cancels its due reminder, and records the event).
 */
export function endPlan(plan: WatchVisitPlan, endedOn: string, reason: string): void {
  Object.assign(plan, { status: WatchVisitPlanStatus.Ended, endedOn, endReason: reason, pausedOn: null, pauseReason: null });
}
