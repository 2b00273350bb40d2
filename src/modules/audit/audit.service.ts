import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { AuditOutcome } from './audit-event.entity';

export interface RequestMeta {
  requestId?: string;
  clientIp?: string;
}

export interface AuditRecord {
  action: string;
  outcome: AuditOutcome;
  actor?: Pick<Actor, 'userId' | 'loginId' | 'roles' | 'officeId'> | null;
  /** For events before authentication (failed login): the login id that was tried. */
  attemptedLoginId?: string;
  resourceType?: string | null;
  resourceId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  meta?: RequestMeta;
}

const COLUMNS = 'occurred_at, actor_user_id, actor_login_id, actor_roles, actor_office_id, action, resource_type, resource_id, outcome, reason, details, request_id, client_ip';

/**
 * Appends to the audit log. The database trigger assigns the id and chains
 * the hash; this service only supplies the facts.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes in a short transaction of its own, so the chain lock is never held
   * across a business transaction. Pass `manager` only when the event must
   * commit or roll back together with the change it describes.
   */
  async record(events: AuditRecord | AuditRecord[], manager?: EntityManager): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    const params: unknown[] = [];
    const rows = list.map((event) => {
      const values: unknown[] = [
        new Date(),
        event.actor?.userId ?? null,
        event.actor?.loginId ?? event.attemptedLoginId ?? null,
        event.actor?.roles ?? [],
        event.actor?.officeId ?? null,
        event.action,
        event.resourceType ?? null,
        event.resourceId ?? null,
        event.outcome,
        event.reason ?? null,
        event.details ? JSON.stringify(storable(event.details)) : null,
        event.meta?.requestId ?? null,
        event.meta?.clientIp ?? null,
      ];
      const placeholders = values.map((value) => {
        params.push(storable(value));
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await (manager ?? this.dataSource).query(`INSERT INTO audit_events (${COLUMNS}) VALUES ${rows.join(', ')}`, params);
  }
}

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
