import { PlatformSpine1764100000000 } from './1764100000000-platform-spine';
import { CaseCore1764150000000 } from './1764150000000-case-core';
import { Reminders1764200000000 } from './1764200000000-reminders';
import { Pregnancy1764400000000 } from './1764400000000-pregnancy';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works from compiled JavaScript, from the TypeORM CLI and under Jest.
 */
export const ALL_MIGRATIONS = [
  PlatformSpine1764100000000,
  CaseCore1764150000000,
  Reminders1764200000000,
  Pregnancy1764400000000,
];
