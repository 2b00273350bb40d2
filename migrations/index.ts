import { PlatformSpine1764100000000 } from './1764100000000-platform-spine';
import { CaseCore1764150000000 } from './1764150000000-case-core';
import { Reminders1764200000000 } from './1764200000000-reminders';
import { Pregnancy1764400000000 } from './1764400000000-pregnancy';
import { Referrals1764700000000 } from './1764700000000-referrals';
import { CentreRequests1764700000001 } from './1764700000001-centre-requests';
import { CaseConferences1764700000002 } from './1764700000002-case-conferences';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works from compiled JavaScript, from the TypeORM CLI and under Jest.
 */
export const ALL_MIGRATIONS = [
  PlatformSpine1764100000000,
  CaseCore1764150000000,
  Reminders1764200000000,
  Pregnancy1764400000000,
  Referrals1764700000000,
  CentreRequests1764700000001,
  CaseConferences1764700000002,
];
