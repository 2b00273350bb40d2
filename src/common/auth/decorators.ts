import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor } from './actor';
import { Role, ROLE_LABELS } from './roles';

export const IS_PUBLIC = 'hagukumi:public';
export const ALLOWED_ROLES = 'hagukumi:roles';
/** Marker for "any signed-in user", distinct from "no rule declared" (which is denied). */
export const ANY_ROLE = 'any' as const;
export type RoleRule = readonly Role[] | typeof ANY_ROLE;

/** Opts a route out of authentication. Use sparingly: login, refresh, health, docs. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/** The roles allowed to call a route; documented in OpenAPI as `x-roles`. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles),
    ApiUnauthorizedResponse({ description: '認証が必要です (no or invalid token)' }),
    ApiForbiddenResponse({ description: `許可されたロール: ${roles.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ')}` }),
  );

/** Any signed-in user may call the route (their own profile, inbox...). */
export const AnyRole = () =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, ANY_ROLE), ApiBearerAuth(), ApiExtension('x-roles', ['any']), ApiUnauthorizedResponse({ description: '認証が必要です' }));

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
  if (!request.user) throw new Error('CurrentActor used on a route without authentication');
  return request.user;
});
