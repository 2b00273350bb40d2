import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import { Actor } from '../../common/auth/actor';
import { toProblem } from '../../common/problem/problem-renderer';
import { AuditOutcome } from './audit-event.entity';
import { AUDIT_SPEC, AuditSpec, auditNoteOf } from './audited.decorator';
import { AuditRecord, AuditService } from './audit.service';

const MAX_RESULT_IDS = 200;
/** Methods that change nothing. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes the audit event of every route declared with `@Audited`, after the
 * handler has finished and before the response leaves: if the audit log
 * cannot be written, the caller gets an error rather than unaudited data.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.getAllAndOverride<AuditSpec | null | undefined>(AUDIT_SPEC, [context.getHandler(), context.getClass()]);
    if (!spec || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();

    return next.handle().pipe(
      mergeMap((result) => from(this.write(spec, request, AuditOutcome.Success, result).then(() => result))),
      catchError((error: unknown) =>
        from(
          this.write(spec, request, outcomeOf(error), undefined, statusOf(error)).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }

  private async write(spec: AuditSpec, request: FastifyRequest & { user?: Actor }, outcome: AuditOutcome, result?: unknown, status?: number): Promise<void> {
    const note = auditNoteOf(request);
    const params = (request.params ?? {}) as Record<string, string>;
    const resourceId = params[spec.idParam ?? 'id'] ?? note.resourceId ?? idOf(result);
    const details: Record<string, unknown> = { ...(note.details ?? {}) };
    if (spec.recordQuery) details.criteria = request.query;
    const listed = listedIds(result);
    if (listed) details.resultIds = listed;
    if (status) details.status = status;

    const base = { actor: request.user ?? null, meta: { requestId: request.id, clientIp: request.ip } };
    const events: AuditRecord[] = [
      {
        ...base,
        action: spec.action,
        outcome,
        resourceType: spec.resourceType,
        resourceId: resourceId ?? null,
        reason: note.reason ?? null,
        details: Object.keys(details).length > 0 ? details : null,
      },
    ];
    if (outcome === AuditOutcome.Success) {
      for (const related of note.related ?? []) {
        events.push({ ...base, action: related.action ?? spec.action, outcome, resourceType: related.resourceType, resourceId: related.resourceId, details: { via: spec.resourceType, viaId: resourceId ?? null } });
      }
    }
    // A successful write has committed by now: its events must land even if the database restarts in between.
    const committedWrite = outcome === AuditOutcome.Success && !SAFE_METHODS.has(request.method);
    await (committedWrite ? this.audit.recordCommitted(events) : this.audit.record(events));
  }
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
