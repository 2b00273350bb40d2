import { PlatformSpine1764100000000 } from './1764100000000-platform-spine';
import { CaseCore1764150000000 } from './1764150000000-case-core';
import { Reminders1764200000000 } from './1764200000000-reminders';
import { CasesRegistry1764300000000 } from './1764300000000-cases-registry';
import { ChildAbuseReports1764300000001 } from './1764300000001-child-abuse-reports';
import { CaseTimeline1764300000002 } from './1764300000002-case-timeline';
import { PersonCaseOffices1764300000003 } from './1764300000003-person-case-offices';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works from compiled JavaScript, from the TypeORM CLI and under Jest.
 */
export const ALL_MIGRATIONS = [
  PlatformSpine1764100000000,
  CaseCore1764150000000,
  Reminders1764200000000,
  CasesRegistry1764300000000,
  ChildAbuseReports1764300000001,
  CaseTimeline1764300000002,
  PersonCaseOffices1764300000003,
];
