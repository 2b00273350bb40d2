import { caseDetail, personSearch } from './cases';
import { inbox } from './inbox';
import { Scenario } from './scenario';
import { logVisit, overdueVisits } from './visits';

/** Every benchmarked scenario, in report order. */
export const SCENARIOS: Scenario[] = [personSearch, caseDetail, overdueVisits, inbox, logVisit];
