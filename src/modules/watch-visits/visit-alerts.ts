import { RiskChange, WatchVisitAlert } from './entities/watch-visit.entity';

export interface VisitAlertInput {
  riskChange: RiskChange | null;
  /** Every child of the family at this visit, seen directly (目視) or not. */
  children: ReadonlyArray<{ personId: string; seen: boolean }>;
  /** The same children at the family's previous visit; a child absent from it was not "not seen" then. */
  previous: ReadonlyMap<string, boolean>;
}

export interface VisitAlertDecision {
  alerts: WatchVisitAlert[];
  /** Children not seen at this visit nor at the previous one. */
  notSeenTwice: string[];
}

/**
 * Which facts of a visit notify the supervisors at once: a child not seen
 * directly twice in a row (an attempt where nobody opened the door counts as
 * not seen), and a risk judged higher than before.
 */
export function decideVisitAlerts(input: VisitAlertInput): VisitAlertDecision {
  const notSeenTwice = input.children.filter((child) => !child.seen && input.previous.get(child.personId) === false).map((child) => child.personId);
  const alerts: WatchVisitAlert[] = [];
  if (notSeenTwice.length > 0) alerts.push(WatchVisitAlert.ChildNotSeenTwice);
  if (input.riskChange === RiskChange.Higher) alerts.push(WatchVisitAlert.RiskHigher);
  return { alerts, notSeenTwice };
}
