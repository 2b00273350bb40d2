import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuditOutcome } from '../../modules/audit/audit-event.entity';
import { AuditService } from '../../modules/audit/audit.service';
import { forbidden } from '../problem/problem';
import { Actor, hasRole } from './actor';
import { ALLOWED_ROLES, ANY_ROLE, IS_PUBLIC, RoleRule } from './decorators';

/**
 * Global, after authentication: a route must declare who may call it. A route
 * without a rule is denied (deny by default), and a denial is audited.
 */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly audit: AuditService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const rule = this.reflector.getAllAndOverride<RoleRule | undefined>(ALLOWED_ROLES, targets);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    const actor = request.user;
    if (actor && (rule === ANY_ROLE || (rule !== undefined && hasRole(actor, ...rule)))) return true;

    await this.audit.record({
      action: 'access.denied',
      outcome: AuditOutcome.Denied,
      actor: actor ?? null,
      details: { method: request.method, route: request.routeOptions?.url ?? null },
      meta: { requestId: request.id, clientIp: request.ip },
    });
    throw forbidden(rule === undefined ? 'This route has no access rule and is closed.' : 'Your role does not allow this action.');
  }
}
