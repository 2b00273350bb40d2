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
 * `AuthService.takeAttempt` for an id: unless the id is locked, takes one
 * check of the window (the window starts with its first check and ends with
 * the key) and answers its number, or 0 when locked. Atomic, so that guesses
 * sent in parallel are numbered one by one, as the account row numbers them.
 */
const TAKE_CHECK = `
  if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
  local n = redis.call('INCR', KEYS[1])
  if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
  return n`;

/**
 * `AuthService.lockIfSpent` for an id, after a failed check: locks it when
 * the window's checks are spent as it stands now (a window that ended
 * meanwhile started again, and does not lock), and the count starts again.
 */
const LOCK_IF_SPENT = `
  if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
  if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 0 end
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
  return 1`;

/**
 * The sign-in lock for login ids that name no account. An account locks
 * after LOCKOUT_THRESHOLD failed checks in its window and then answers 423;
 * an unknown id answering 401 for ever would tell whoever sends a sixth guess
 * which ids exist. So an unknown id locks by the same rule, step for step
 * (the two scripts mirror the account row's two statements), and answers the
 * same way. Kept in Redis (shared by every API process, expiring by itself:
 * ids anyone can make up are never stored in the database), under a hash of
 * the id as the account look-up folds it: the keys carry no personal data.
 */
@Injectable()
export class UnknownLoginLock {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Takes one check for the (folded) id: false when it is locked or its window's checks are spent (the caller answers 423). */
  async takeCheck(foldedLoginId: string, rule: LockRule): Promise<boolean> {
    const taken = Number(await this.redis.eval(TAKE_CHECK, 2, ...this.keys(foldedLoginId), rule.windowMinutes * 60));
    return taken > 0 && taken <= rule.threshold;
  }

  /** After a failed check: locks the id when its window's checks are spent. */
  async lockIfSpent(foldedLoginId: string, rule: LockRule): Promise<void> {
    await this.redis.eval(LOCK_IF_SPENT, 2, ...this.keys(foldedLoginId), rule.threshold, rule.lockMinutes * 60);
  }

  private keys(foldedLoginId: string): [string, string] {
    const id = createHash('sha256').update(foldedLoginId).digest('hex');
    return [`${this.config.redisPrefix}:unknown-login:${id}:checks`, `${this.config.redisPrefix}:unknown-login:${id}:locked`];
  }
}
