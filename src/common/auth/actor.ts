import { Role } from './roles';

/**
 * The authenticated user behind a request, as the token check read it from
 * the database — or from the session cache, which PostgreSQL's notifications
 * keep in step — so that deactivation and role changes take effect at once.
 */
export interface Actor {
  userId: string;
  loginId: string;
  officeId: string;
  roles: Role[];
  sessionId: string;
  /**
   * The caller's office's rule for its consultants — every open case of the
   * office ('office') or only their own ('assigned') — read with the token
   * check, so that scope SQL states the rule and PostgreSQL can estimate it.
   * Absent on actors made elsewhere (tests, tools): the scope SQL then reads
   * the rule itself.
   */
  consultantScope?: 'office' | 'assigned';
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
