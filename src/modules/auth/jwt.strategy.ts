import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { createSecretKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { BearerTokenStrategy } from './bearer-token.strategy';
import { SessionCache } from './session-cache';
import { VerifiedTokens } from './verified-tokens';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
}

/**
 * Verifies the bearer token (its signature once per token, see
 * VerifiedTokens), then reloads the user, the session and the
 * office's rule for consultants in one query: a deactivated user, a revoked
 * session, a changed role or rule takes effect on the next request, not when
 * the token expires. The answer is kept for a short while (SessionCache),
 * dropped by PostgreSQL's notification of any such change.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionCache,
  ) {
    super(new VerifiedTokens(createSecretKey(Buffer.from(config.jwtSecret, 'utf8'))));
  }

  async validate(payload: AccessTokenPayload): Promise<Actor | false> {
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return false;
    const cached = this.sessions.get(payload.sub, payload.sid);
    if (cached) return cached;
    const epoch = this.sessions.currentEpoch();
    const rows: Array<{ id: string; login_id: string; office_id: string; roles: Role[]; consultant_scope: 'office' | 'assigned'; expires_at: Date }> = await this.dataSource.query(
      `SELECT u.id, u.login_id, u.office_id, u.roles::text[] AS roles, o.consultant_scope, s.expires_at
         FROM users u JOIN auth_sessions s ON s.user_id = u.id JOIN offices o ON o.id = u.office_id
        WHERE u.id = $1 AND s.id = $2 AND u.active AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [payload.sub, payload.sid],
    );
    const row = rows[0];
    if (!row) return false;
    // Frozen: the same object answers this session's requests while it is cached.
    const actor: Actor = Object.freeze({
      userId: row.id,
      loginId: row.login_id,
      officeId: row.office_id,
      roles: Object.freeze(row.roles) as Role[],
      sessionId: payload.sid,
      consultantScope: row.consultant_scope,
    });
    this.sessions.put(actor, row.expires_at, epoch);
    return actor;
  }
}
