import { caseDetail, personSearch } from './cases';
import { dueList } from './due-list';
import { inbox } from './inbox';
import { fiscalYearReport } from './measures';
import { Scenario } from './scenario';
import { logVisit, overdueVisits } from './visits';

/** Every benchmarked scenario, in report order. */
export const SCENARIOS: Scenario[] = [personSearch, caseDetail, overdueVisits, inbox, dueList, logVisit, fiscalYearReport];
