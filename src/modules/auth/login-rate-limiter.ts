import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { ProblemException, ProblemType } from '../../common/problem/problem';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { rateLimitedAddress } from './rate-limited-address';

const WINDOW_SECONDS = 60;

/** What is counted: sign-ins (a password guessed), and token refreshes (every open screen, every 15 minutes). */
export type RateLimitedCall = 'login' | 'refresh';

/**
 * Fixed-window limits per client address (an IPv6 one by its /64: see
 * `rateLimitedAddress`), kept in Redis so that every API
 * process shares the count. Sign-ins and refreshes count apart: a ward's
 * staff behind one address refresh all day, and those refreshes must not use
 * up the sign-ins of the morning (nor sign-in guesses block refreshes).
 */
@Injectable()
export class LoginRateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async consume(clientIp: string, call: RateLimitedCall = 'login'): Promise<void> {
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const key = `${this.config.redisPrefix}:${call}-rate:${rateLimitedAddress(clientIp)}:${window}`;
    const limit = call === 'login' ? this.config.loginRateLimitPerMinute : this.config.refreshRateLimitPerMinute;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, WINDOW_SECONDS * 2).exec()) as [[Error | null, number], unknown];
    if (count > limit) {
      const retryAfterSeconds = WINDOW_SECONDS - (Math.floor(Date.now() / 1000) % WINDOW_SECONDS);
      throw new ProblemException({
        status: 429,
        type: ProblemType.RateLimited,
        title: call === 'login' ? 'Too many login attempts' : 'Too many token refreshes',
        detail: `Too many ${call === 'login' ? 'login attempts' : 'token refreshes'} from this address. Wait a minute and try again.`,
        extensions: { retryAfterSeconds },
      });
    }
  }
}
