import { Injectable } from '@nestjs/common';
import { Actor, hasRole } from '../auth/actor';
import { Role } from '../auth/roles';
import { notFound } from '../problem/problem';

/**
 * The one place that answers "may this user act on these records?". A record
 * outside the caller's scope is reported as not found (404), never 403, so
 * its existence is not revealed. List queries apply the same rules in SQL
 * through the `*ScopeSql` helpers, never by filtering in memory.
 */
@Injectable()
export class AccessService {
  /** Office scope: staff see records of their own office; admins see organisational records of every office. */
  isOfficeInScope(actor: Actor, officeId: string, options: { adminSeesAll?: boolean } = {}): boolean {
    if (options.adminSeesAll && hasRole(actor, Role.Admin)) return true;
    return actor.officeId === officeId;
  }

  assertOfficeInScope(actor: Actor, officeId: string, what: string, options: { adminSeesAll?: boolean } = {}): void {
    if (!this.isOfficeInScope(actor, officeId, options)) throw notFound(what);
  }
}
