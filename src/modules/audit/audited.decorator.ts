import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const AUDIT_SPEC = 'hagukumi:audit';

export interface AuditSpec {
  /** e.g. `case.read`, `user.create`, `referral.approve`. */
  action: string;
  resourceType: string | null;
  /** Route parameter holding the record id; defaults to `id`. When absent, the result's `id` is used. */
  idParam?: string;
  /** Record the query string as the event's criteria (searches: criteria, never results). */
  recordQuery?: boolean;
}

/**
 * Declares what a route does to which kind of record. The global audit
 * interceptor writes one event per call (success or failure) from this; the
 * boot check refuses routes that declare neither this nor `@NotAudited`.
 */
export const Audited = (action: string, resourceType: string | null, options: Omit<AuditSpec, 'action' | 'resourceType'> = {}) =>
  applyDecorators(SetMetadata(AUDIT_SPEC, { action, resourceType, ...options } satisfies AuditSpec), ApiExtension('x-audit', action));

/** For routes that touch no case data or users (health, docs, dictionaries); states why in the code. */
export const NotAudited = (_why: string) => SetMetadata(AUDIT_SPEC, null);

/**
 * What a handler adds to its audit event: the id of a record it created, a
 * break-glass reason, ids of the records a list returned, or other facts.
 */
export interface AuditNote {
  resourceId?: string;
  reason?: string;
  details?: Record<string, unknown>;
  /** Extra events for records touched besides the main one (e.g. each child of a round). */
  related?: Array<{ resourceType: string; resourceId: string; action?: string }>;
}

export const AUDIT_NOTE = Symbol('auditNote');

export function auditNoteOf(request: object): AuditNote {
  const holder = request as { [AUDIT_NOTE]?: AuditNote };
  holder[AUDIT_NOTE] ??= {};
  return holder[AUDIT_NOTE];
}

export const AuditNoteParam = createParamDecorator((_data: unknown, context: ExecutionContext): AuditNote => auditNoteOf(context.switchToHttp().getRequest<object>()));
