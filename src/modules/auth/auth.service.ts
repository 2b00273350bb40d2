import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { ProblemException, ProblemType } from '../../common/problem/problem';
import { AppConfig } from '../../config/app-config';
import { sqlRows } from '../../database/sql';
import { APP_CONFIG } from '../../config/config.module';
import { AuditOutcome } from '../audit/audit-event.entity';
import { AuditService, RequestMeta } from '../audit/audit.service';
import { outsideWriteAudit } from '../audit/write-audit';
import { AccessTokenPayload } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { SessionCache } from './session-cache';
import { LockRule, UnknownLoginLock } from './unknown-login-lock';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
export const LOCKOUT_MINUTES = 15;
/** The same rule for login ids that name no account (UnknownLoginLock): the answers must not tell the two apart. */
const LOCK_RULE: LockRule = { threshold: LOCKOUT_THRESHOLD, windowMinutes: LOCKOUT_WINDOW_MINUTES, lockMinutes: LOCKOUT_MINUTES };
/** Failure reasons (audited) answered 423 rather than 401. */
const LOCKED_REASONS = new Set(['locked', 'unknown_login_id_locked']);

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

interface LoginRow {
  id: string;
  login_id: string;
  office_id: string;
  roles: string[];
  active: boolean;
  password_hash: string;
  locked_until: Date | null;
}

const invalidCredentials = () =>
  new ProblemException({ status: 401, type: ProblemType.InvalidCredentials, title: 'Sign-in failed', detail: 'The login id or password is incorrect.' });

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly sessions: SessionCache,
    private readonly unknownLogins: UnknownLoginLock,
  ) {}

  async login(loginId: string, password: string, meta: RequestMeta): Promise<TokenPair> {
    const answerRefusalAt = Date.now() + this.config.signInRefusalMinMs;
    // The id as the look-up folds it comes back even when no account matches: the unknown-id lock must fold the
    // same way, or a character the two foldings treat apart would tell which ids exist.
    const rows: Array<LoginRow & { folded: string }> = await this.dataSource.query(
      `SELECT lower($1) AS folded, u.id, u.login_id, u.office_id, u.roles::text[] AS roles, u.active, u.password_hash, u.locked_until
         FROM (SELECT) AS one LEFT JOIN users u ON lower(u.login_id) = lower($1)`,
      [loginId],
    );
    const folded = rows[0].folded;
    const user = rows[0].id ? rows[0] : undefined;
    const fail = async (reason: string, actorId: string | null = null): Promise<never> => {
      await this.audit.record({
        action: 'auth.login',
        outcome: AuditOutcome.Failure,
        actor: actorId && user ? { userId: user.id, loginId: user.login_id, roles: user.roles as never, officeId: user.office_id } : null,
        attemptedLoginId: loginId.slice(0, 64),
        details: { reason },
        meta,
      });
      // Every refusal takes the same time from the outside (see signInRefusalMinMs).
      await sleep(Math.max(0, answerRefusalAt - Date.now()));
      if (LOCKED_REASONS.has(reason)) throw accountLocked();
      throw invalidCredentials();
    };

    if (!user) {
      // Answered as an account's wrong password would be, lock included; the hash is burnt to take as long as a check.
      if (!(await this.unknownLogins.takeCheck(folded, LOCK_RULE))) return fail('unknown_login_id_locked');
      await this.hasher.burn(password);
      await this.unknownLogins.lockIfSpent(folded, LOCK_RULE);
      return fail('unknown_login_id');
    }
    if (!(await this.takeAttempt(user.id))) return fail('locked', user.id);
    const passwordOk = await this.hasher.verify(user.password_hash, password);
    if (!passwordOk) {
      const locked = await this.lockIfSpent(user.id);
      return fail(locked ? 'wrong_password_now_locked' : 'wrong_password', user.id);
    }
    if (!user.active) {
      await this.clearAttempts(this.dataSource.manager, user.id);
      return fail('inactive', user.id);
    }

    const pair = await this.dataSource.transaction(async (manager) => {
      await this.clearAttempts(manager, user.id, { signedIn: true });
      const sessionId = await this.createSession(manager, user.id);
      return this.issueTokens(manager, user.id, sessionId);
    });
    await this.audit.record({
      action: 'auth.login',
      outcome: AuditOutcome.Success,
      actor: { userId: user.id, loginId: user.login_id, roles: user.roles as never, officeId: user.office_id },
      meta,
    });
    return pair;
  }

  /**
   * A signed-in user's current password, checked as a sign-in checks it: a
   * locked account is refused (423) without a check, and a wrong password
   * counts towards the lock. Otherwise a stolen session could guess the
   * password behind it without limit.
   */
  async verifyCurrentPassword(userId: string, password: string): Promise<boolean> {
    const rows: Array<{ password_hash: string }> = await this.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [userId]);
    const user = rows[0];
    if (!user) return false;
    // The count belongs to the sign-in lock, not to the request's change: kept out of the request's write audit,
    // which would otherwise stage the password change as if it had happened (the request's failure is audited).
    return outsideWriteAudit(async () => {
      if (!(await this.takeAttempt(userId))) throw accountLocked();
      if (await this.hasher.verify(user.password_hash, password)) {
        await this.clearAttempts(this.dataSource.manager, userId);
        return true;
      }
      if (await this.lockIfSpent(userId)) throw accountLocked();
      return false;
    });
  }

  /**
   * Takes one of the password checks the lock allows in a 15-minute window,
   * before the check is made. The count (failed_login_count, since
   * first_failed_login_at) holds the checks still running as well as the
   * failed ones: guesses sent in parallel all read an unlocked account before
   * any of them has failed, and checking the lock first let every one of
   * them through. False when the account is locked or the window's checks
   * are all taken. A right password gives the count back (`clearAttempts`);
   * a wrong one keeps its check and locks the account once they are spent
   * (`lockIfSpent`). One statement: the row lock orders parallel attempts.
   */
  private async takeAttempt(userId: string): Promise<boolean> {
    const rows = await sqlRows<{ taken: number }>(
      this.dataSource,
      `UPDATE users SET
         failed_login_count = CASE WHEN first_failed_login_at IS NULL OR first_failed_login_at < now() - make_interval(mins => $2)
                                   THEN 1 ELSE failed_login_count + 1 END,
         first_failed_login_at = CASE WHEN first_failed_login_at IS NULL OR first_failed_login_at < now() - make_interval(mins => $2)
                                      THEN now() ELSE first_failed_login_at END
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
       RETURNING failed_login_count AS taken`,
      [userId, LOCKOUT_WINDOW_MINUTES],
    );
    return rows.length > 0 && rows[0].taken <= LOCKOUT_THRESHOLD;
  }

  /**
   * After a wrong password: locks the account when the window's checks are
   * spent — in a window still running: one that ended while the check ran
   * starts again with the next check, and does not lock (as for an unknown id,
   * whose count expires with its window). Whether this failure locked it.
   */
  private async lockIfSpent(userId: string): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      this.dataSource,
      `UPDATE users SET locked_until = now() + make_interval(mins => $2), failed_login_count = 0, first_failed_login_at = NULL
        WHERE id = $1 AND failed_login_count >= $3 AND first_failed_login_at >= now() - make_interval(mins => $4)
          AND (locked_until IS NULL OR locked_until <= now())
        RETURNING id`,
      [userId, LOCKOUT_MINUTES, LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MINUTES],
    );
    return rows.length > 0;
  }

  /**
   * After a right password: the count starts again, and a lock a parallel
   * guess set meanwhile is lifted (this check was within the allowance).
   * `signedIn` also stamps the sign-in.
   */
  private async clearAttempts(manager: EntityManager, userId: string, options: { signedIn?: boolean } = {}): Promise<void> {
    const stamp = options.signedIn ? ', last_login_at = now()' : '';
    await manager.query(`UPDATE users SET failed_login_count = 0, first_failed_login_at = NULL, locked_until = NULL${stamp} WHERE id = $1`, [userId]);
  }


  /**
   * Single-use rotation. Presenting a refresh token that was already used
   * means it was copied: the whole session (every token of the family) is
   * revoked, for the thief and the user alike.
   */
  async refresh(refreshToken: string, meta: RequestMeta): Promise<TokenPair> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw invalidRefresh();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const rows: Array<{
        session_id: string;
        secret_hash: Buffer;
        expires_at: Date;
        session_expires_at: Date;
        used_at: Date | null;
        user_id: string;
        revoked_at: Date | null;
        active: boolean;
        login_id: string;
        roles: string[];
        office_id: string;
      }> = await manager.query(
        `SELECT t.session_id, t.secret_hash, t.expires_at, s.expires_at AS session_expires_at, t.used_at, s.user_id, s.revoked_at, u.active, u.login_id, u.roles::text[] AS roles, u.office_id
           FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
          WHERE t.id = $1 FOR UPDATE OF t, s`,
        [parsed.id],
      );
      const row = rows[0];
      if (!row || !timingSafeEqual(row.secret_hash, sha256(parsed.secret))) return { kind: 'invalid' as const };
      const actor = { userId: row.user_id, loginId: row.login_id, roles: row.roles as never, officeId: row.office_id };
      if (row.used_at) {
        await manager.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'refresh_token_reuse' WHERE id = $1 AND revoked_at IS NULL`, [row.session_id]);
        return { kind: 'reuse' as const, actor, sessionId: row.session_id };
      }
      // The session's end bounds its refresh tokens too: past it, a new pair would only be refused by every request.
      const now = Date.now();
      if (row.revoked_at || !row.active || row.expires_at.getTime() <= now || row.session_expires_at.getTime() <= now) return { kind: 'invalid' as const };
      await manager.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [parsed.id]);
      return { kind: 'ok' as const, actor, pair: await this.issueTokens(manager, row.user_id, row.session_id) };
    });

    if (outcome.kind === 'reuse') {
      await this.audit.record({ action: 'auth.refresh_reuse', outcome: AuditOutcome.Denied, actor: outcome.actor, resourceType: 'auth_session', resourceId: outcome.sessionId, meta });
      throw invalidRefresh();
    }
    if (outcome.kind === 'invalid') throw invalidRefresh();
    return outcome.pair;
  }

  async logout(sessionId: string): Promise<void> {
    // In a transaction, like every audited write: its commit stages the audit event (AuditOutbox).
    const revoked = await this.dataSource.transaction((manager) =>
      sqlRows<{ user_id: string }>(
        manager,
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1 AND revoked_at IS NULL RETURNING user_id`,
        [sessionId],
      ),
    );
    for (const { user_id } of revoked) this.sessions.forgetUser(user_id);
  }

  /** Ends every session of a user (deactivation, password reset), optionally keeping the current one. */
  async revokeAllSessions(manager: EntityManager, userId: string, reason: string, keepSessionId?: string): Promise<void> {
    await manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keepSessionId ?? null],
    );
    // This process's own cache at once; the others (and this one, again, at commit) by the triggers' notification.
    this.sessions.forgetUser(userId);
  }

  private async createSession(manager: EntityManager, userId: string): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id`,
      [userId, this.config.refreshTokenTtlSeconds],
    );
    return rows[0].id;
  }

  private async issueTokens(manager: EntityManager, userId: string, sessionId: string): Promise<TokenPair> {
    const secret = randomBytes(32).toString('base64url');
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO refresh_tokens (session_id, secret_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
      [sessionId, sha256(secret), this.config.refreshTokenTtlSeconds],
    );
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds, algorithm: 'HS256' });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.accessTokenTtlSeconds,
      refreshToken: `${rows[0].id}.${secret}`,
      refreshExpiresIn: this.config.refreshTokenTtlSeconds,
    };
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function accountLocked(): ProblemException {
  return new ProblemException({ status: 423, type: ProblemType.AccountLocked, title: 'Account locked', detail: `Too many failed sign-ins. Try again after ${LOCKOUT_MINUTES} minutes or ask an administrator.` });
}

function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const [id, secret, ...rest] = token.split('.');
  if (rest.length > 0 || !id || !secret || !UUID.test(id)) return null;
  return { id, secret };
}

const invalidRefresh = () =>
  new ProblemException({ status: 401, type: ProblemType.Unauthenticated, title: 'Sign in again', detail: 'The refresh token is invalid, expired or already used.' });
