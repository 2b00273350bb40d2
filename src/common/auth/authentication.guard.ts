import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ProblemException, ProblemType } from '../problem/problem';
import { IS_PUBLIC } from './decorators';

/** Global: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) {
      throw new ProblemException({ status: 401, type: ProblemType.Unauthenticated, title: 'Authentication required', detail: 'Sign in again: the access token is missing, expired or revoked.' });
    }
    return user;
  }
}
