import { EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { CaseEventKind } from './entities/case-event.entity';

export interface CaseEventInput {
  caseId: string;
  kind: CaseEventKind;
  actor: Actor | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

/** Appends to a case's history inside the caller's transaction, so history and change commit together. */
export async function recordCaseEvent(manager: EntityManager, event: CaseEventInput): Promise<void> {
  await manager.query(`INSERT INTO case_events (case_id, kind, actor_id, actor_office_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
    event.caseId,
    event.kind,
    event.actor?.userId ?? null,
    event.actor?.officeId ?? null,
    event.reason ?? null,
    event.details ? JSON.stringify(event.details) : null,
  ]);
}
