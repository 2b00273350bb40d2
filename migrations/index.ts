import { CaseCore1764150000000 } from './1764150000000-case-core';
import { PlatformSpine1764100000000 } from './1764100000000-platform-spine';
import { Pregnancy1764400000000 } from './1764400000000-pregnancy';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works from compiled JavaScript, from the TypeORM CLI and under Jest.
 */
export const ALL_MIGRATIONS = [
  PlatformSpine1764100000000,
  CaseCore1764150000000,
  Pregnancy1764400000000,
];
