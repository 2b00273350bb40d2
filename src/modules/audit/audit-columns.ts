import type { AuditOutcome } from './audit-event.entity';
import type { AuditRecord } from './audit.service';

/** An event as the columns of audit_events (and of audit_outbox, which holds all of them but the outcome). */
export interface AuditEventColumns {
  occurred_at: Date;
  actor_user_id: string | null;
  actor_login_id: string | null;
  actor_roles: readonly string[];
  actor_office_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  /** JSON text. */
  details: string | null;
  request_id: string | null;
  client_ip: string | null;
}

/** An event's column values, made storable (see `storable`). */
export function auditEventColumns(event: AuditRecord, at: Date): AuditEventColumns {
  return storable({
    occurred_at: at,
    actor_user_id: event.actor?.userId ?? null,
    actor_login_id: event.actor?.loginId ?? event.attemptedLoginId ?? null,
    actor_roles: event.actor?.roles ?? [],
    actor_office_id: event.actor?.officeId ?? null,
    action: event.action,
    resource_type: event.resourceType ?? null,
    resource_id: event.resourceId ?? null,
    outcome: event.outcome,
    reason: event.reason ?? null,
    details: event.details ? JSON.stringify(storable(event.details)) : null,
    request_id: event.meta?.requestId ?? null,
    client_ip: event.meta?.clientIp ?? null,
  }) as AuditEventColumns;
}

/** The columns of audit_events an append writes (the trigger adds id and the hashes), in statement order. */
export const AUDIT_EVENT_COLUMNS: ReadonlyArray<keyof AuditEventColumns> = ['occurred_at', 'actor_user_id', 'actor_login_id', 'actor_roles', 'actor_office_id', 'action', 'resource_type', 'resource_id', 'outcome', 'reason', 'details', 'request_id', 'client_ip'];

/** Each column's type in audit_events (and audit_outbox), for statements that read the values from a VALUES list. */
export const AUDIT_EVENT_COLUMN_TYPES: Readonly<Record<keyof AuditEventColumns, string>> = {
  occurred_at: 'timestamptz',
  actor_user_id: 'uuid',
  actor_login_id: 'text',
  actor_roles: 'text[]',
  actor_office_id: 'uuid',
  action: 'text',
  resource_type: 'text',
  resource_id: 'text',
  outcome: 'text',
  reason: 'text',
  details: 'jsonb',
  request_id: 'text',
  client_ip: 'text',
};

/** The columns of an audit_outbox row that become the event's: all but the outcome (a staged row is a committed change). */
export const STAGED_COLUMNS = AUDIT_EVENT_COLUMNS.filter((name): name is Exclude<keyof AuditEventColumns, 'outcome'> => name !== 'outcome');

/**
 * PostgreSQL text and jsonb cannot hold NUL or lone UTF-16 surrogates, and an
 * audit row must never fail because of what a caller typed: such characters
 * are replaced by U+FFFD, recursively.
 */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed().replace(/\u0000/g, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
  }
  return value;
}
