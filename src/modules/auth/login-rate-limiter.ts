import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { ProblemException, ProblemType } from '../../common/problem/problem';
import { REDIS } from '../../common/redis/redis.module';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

const WINDOW_SECONDS = 60;

/**
 * Fixed-window limit on login attempts per client address, kept in Redis so
 * that every API process shares the count.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async consume(clientIp: string): Promise<void> {
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const key = `${this.config.redisPrefix}:login-rate:${clientIp}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, WINDOW_SECONDS * 2).exec()) as [[Error | null, number], unknown];
    if (count > this.config.loginRateLimitPerMinute) {
      const retryAfterSeconds = WINDOW_SECONDS - (Math.floor(Date.now() / 1000) % WINDOW_SECONDS);
      throw new ProblemException({
        status: 429,
        type: ProblemType.RateLimited,
        title: 'Too many login attempts',
        detail: 'Too many login attempts from this address. Wait a minute and try again.',
        extensions: { retryAfterSeconds },
      });
    }
  }
}
