import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum AuditOutcome {
  Success = 'success',
  /** Refused by access rules (403/404) or by a business rule (409). */
  Denied = 'denied',
  /** Bad input or failed authentication. */
  Failure = 'failure',
  /** Unexpected server error. */
  Error = 'error',
}

/**
 * Append-only. A trigger assigns `id` under a lock and chains each row to the
 * previous one by SHA-256 (`prev_hash` → `hash`); another trigger refuses
 * UPDATE, DELETE and TRUNCATE. See migrations/1764100000000-platform-spine.ts.
 */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  actorLoginId!: string | null;

  @Column({ type: 'text', array: true })
  actorRoles!: string[];

  @Column({ type: 'uuid', nullable: true })
  actorOfficeId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', nullable: true })
  resourceType!: string | null;

  @Column({ type: 'text', nullable: true })
  resourceId!: string | null;

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'bytea', select: false })
  prevHash!: Buffer;

  @Column({ type: 'bytea', select: false })
  hash!: Buffer;
}
