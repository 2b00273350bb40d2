import { inbox } from './inbox';
import { Scenario } from './scenario';
import { logVisit, overdueVisits } from './visits';

/** Every benchmarked scenario, in report order. */
export const SCENARIOS: Scenario[] = [overdueVisits, inbox, logVisit];
