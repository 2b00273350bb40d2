import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** The account lock's rule (AuthService), which this one mirrors. */
export interface LockRule {
  threshold: number;
  windowMinutes: number;
  lockMinutes: number;
}

/**
 * Takes one check for a login id, unless it is locked: answers the check's
 * number in its window, or 0 when locked. Atomic, so that guesses sent in
 * parallel are numbered one by one, as the account row's lock numbers them.
 */
const TAKE_CHECK = `
  if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
  local n = redis.call('INCR', KEYS[1])
  if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
  return n`;

/**
 * The sign-in lock for login ids that name no account. An account locks
 * after LOCKOUT_THRESHOLD failed checks in its window and then answers 423;
 * an unknown id answering 401 for ever would tell whoever sends a sixth guess
 * which ids exist. So an unknown id locks by the same rule and answers the
 * same way. Kept in Redis (shared by every API process, expiring by itself:
 * ids anyone can make up are never stored in the database), under a hash of
 * the id: the keys carry no personal data.
 */
@Injectable()
export class UnknownLoginLock {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Takes one check for the id: false when it is locked or its window's checks are spent (the caller answers 423). */
  async takeCheck(loginId: string, rule: LockRule): Promise<{ allowed: boolean; lockNow: boolean }> {
    const [attempts, lock] = this.keys(loginId);
    const taken = Number(await this.redis.eval(TAKE_CHECK, 2, attempts, lock, rule.windowMinutes * 60));
    if (taken === 0 || taken > rule.threshold) return { allowed: false, lockNow: false };
    return { allowed: true, lockNow: taken === rule.threshold };
  }

  /** After the check that spent the window: locks the id, and its count starts again once the lock is over. */
  async lock(loginId: string, rule: LockRule): Promise<void> {
    const [attempts, lock] = this.keys(loginId);
    await this.redis.multi().set(lock, '1', 'EX', rule.lockMinutes * 60).del(attempts).exec();
  }

  private keys(loginId: string): [string, string] {
    // Login ids are case-insensitive, as the account look-up is.
    const id = createHash('sha256').update(loginId.toLowerCase()).digest('hex');
    return [`${this.config.redisPrefix}:unknown-login:${id}:checks`, `${this.config.redisPrefix}:unknown-login:${id}:locked`];
  }
}
