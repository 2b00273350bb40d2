import { PlatformSpine1764100000000 } from './1764100000000-platform-spine';
import { CaseCore1764150000000 } from './1764150000000-case-core';
import { Reminders1764200000000 } from './1764200000000-reminders';
import { Pregnancy1764400000000 } from './1764400000000-pregnancy';
import { WatchVisits1764500000000 } from './1764500000000-watch-visits';
import { FacilityRounds1764500000001 } from './1764500000001-facility-rounds';
import { ShortStays1764600000000 } from './1764600000000-short-stays';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works from compiled JavaScript, from the TypeORM CLI and under Jest.
 */
export const ALL_MIGRATIONS = [
  PlatformSpine1764100000000,
  CaseCore1764150000000,
  Reminders1764200000000,
  Pregnancy1764400000000,
  WatchVisits1764500000000,
  FacilityRounds1764500000001,
  ShortStays1764600000000,
];
