import { inbox } from './inbox';
import { Scenario } from './scenario';

/** Every benchmarked scenario, in report order. */
export const SCENARIOS: Scenario[] = [inbox];
