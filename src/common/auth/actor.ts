import { Role } from './roles';

/**
 * The authenticated user behind a request, reloaded from the database on every
 * request so that deactivation and role changes take effect at once.
 */
export interface Actor {
  userId: string;
  loginId: string;
  officeId: string;
  roles: Role[];
  sessionId: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
