import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import { Actor } from '../../common/auth/actor';
import { toProblem } from '../../common/problem/problem-renderer';
import { AuditOutcome } from './audit-event.entity';
import { AUDIT_SPEC, AuditSpec, auditNoteOf } from './audited.decorator';
import { AuditRecord, AuditService } from './audit.service';
import { runWithWriteAudit, WriteAudit } from './write-audit';

const MAX_RESULT_IDS = 200;
/** Methods that change nothing. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes the audit event of every route declared with `@Audited`, after the
 * handler has finished and before the response leaves: if the audit log
 * cannot be written, the caller gets an error rather than unaudited data.
 *
 * A write's handler runs with a WriteAudit: the first of its transactions to
 * commit stages the event in audit_outbox (AuditOutbox), and the append that
 * follows deletes that row in the same statement. A process that dies in
 * between leaves the row for the worker to turn into the event.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.getAllAndOverride<AuditSpec | null | undefined>(AUDIT_SPEC, [context.getHandler(), context.getClass()]);
    if (!spec || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    if (SAFE_METHODS.has(request.method)) return this.audited(next.handle(), spec, request);

    const writeAudit = new WriteAudit(() => mainEvent(spec, request, AuditOutcome.Success));
    // next.handle() inside the write audit's scope: Nest binds the handler to the async context it is called in.
    return new Observable((subscriber) => runWithWriteAudit(writeAudit, () => this.audited(next.handle(), spec, request, writeAudit).subscribe(subscriber)));
  }

  private audited(handled: Observable<unknown>, spec: AuditSpec, request: AuditedRequest, writeAudit?: WriteAudit): Observable<unknown> {
    return handled.pipe(
      mergeMap((result) => from(this.succeeded(spec, request, result, writeAudit).then(() => result))),
      catchError((error: unknown) =>
        from(
          this.failed(spec, request, error, writeAudit).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }

  private async succeeded(spec: AuditSpec, request: AuditedRequest, result: unknown, writeAudit?: WriteAudit): Promise<void> {
    const main = mainEvent(spec, request, AuditOutcome.Success, result);
    const note = auditNoteOf(request);
    const events: AuditRecord[] = [main];
    for (const related of note.related ?? []) {
      events.push({ actor: main.actor, meta: main.meta, action: related.action ?? spec.action, outcome: AuditOutcome.Success, resourceType: related.resourceType, resourceId: related.resourceId, details: { via: spec.resourceType, viaId: main.resourceId ?? null } });
    }
    if (!writeAudit) return this.audit.record(events);
    // A successful write has committed by now: its events must land even if the database restarts in between.
    return this.audit.recordCommitted(events, writeAudit.staged ? writeAudit.key : undefined);
  }

  private async failed(spec: AuditSpec, request: AuditedRequest, error: unknown, writeAudit?: WriteAudit): Promise<void> {
    await this.audit.record(mainEvent(spec, request, outcomeOf(error), undefined, statusOf(error)));
    // The request failed after one of its transactions committed: what that transaction staged becomes its event too.
    if (writeAudit?.staged) await this.audit.recordStaged([writeAudit.key]).catch(() => undefined);
  }
}

type AuditedRequest = FastifyRequest & { user?: Actor };

/** The route's own event: what was done to which record, by whom, with what the handler noted. */
function mainEvent(spec: AuditSpec, request: AuditedRequest, outcome: AuditOutcome, result?: unknown, status?: number): AuditRecord {
  const note = auditNoteOf(request);
  const params = (request.params ?? {}) as Record<string, string>;
  const resourceId = params[spec.idParam ?? 'id'] ?? note.resourceId ?? idOf(result);
  const details: Record<string, unknown> = { ...(note.details ?? {}) };
  if (spec.recordQuery) details.criteria = request.query;
  const listed = listedIds(result);
  if (listed) details.resultIds = listed;
  if (status) details.status = status;
  return {
    actor: request.user ?? null,
    meta: { requestId: request.id, clientIp: request.ip },
    action: spec.action,
    outcome,
    resourceType: spec.resourceType,
    resourceId: resourceId ?? null,
    reason: note.reason ?? null,
    details: Object.keys(details).length > 0 ? details : null,
  };
}

function outcomeOf(error: unknown): AuditOutcome {
  const { problem, unexpected } = toProblem(error);
  if (unexpected || problem.status >= 500) return AuditOutcome.Error;
  if (problem.status === 403 || problem.status === 404 || problem.status === 409) return AuditOutcome.Denied;
  return AuditOutcome.Failure;
}

function statusOf(error: unknown): number {
  return toProblem(error).problem.status;
}

function idOf(result: unknown): string | undefined {
  if (typeof result === 'object' && result !== null && 'id' in result) {
    const id = (result as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return undefined;
}

function listedIds(result: unknown): string[] | undefined {
  if (typeof result !== 'object' || result === null || !('items' in result)) return undefined;
  const items = (result as { items: unknown }).items;
  if (!Array.isArray(items)) return undefined;
  const ids = items.map(idOf).filter((id): id is string => id !== undefined);
  return ids.length > 0 ? ids.slice(0, MAX_RESULT_IDS) : undefined;
}
