import { isIP } from 'node:net';
/**
 * Typed application configuration, read once from the environment and
 * validated at boot. A missing or malformed variable stops the process with a
 * message naming it. Development defaults exist only outside production; in
 * production every secret must be given explicitly.
 */
export type NodeEnv = 'development' | 'test' | 'production';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every Redis key this deployment owns (queues, rate limits). */
  redisPrefix: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long an API process may answer a token check from memory (0: never); see SessionCache. */
  sessionCacheMs: number;
  loginRateLimitPerMinute: number;
  /**
   * A refused sign-in is answered no sooner than this many milliseconds after
   * it came in: the ways to a refusal (unknown id, locked, wrong password) do
   * different work, and their times would tell them apart.
   */
  signInRefusalMinMs: number;
  /** Token refreshes per client address and minute: a bucket of its own, since every signed-in screen refreshes. */
  refreshRateLimitPerMinute: number;
  /**
   * Which proxies in front are trusted to say the client's address
   * (X-Forwarded-For): false for none, else their addresses and CIDR ranges.
   * Rate limits and the audit log read the address it gives.
   */
  trustProxy: false | string[];
  bodyLimitBytes: number;
  demoPassword: string;
  /** Public base URL of the web UI, used for links in e-mails. */
  publicBaseUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  reminderConcurrency: number;
  /** Most reminder deliveries one worker commits in one transaction (group commit of the jobs running at once); 1 = one per job. */
  reminderBatchSize: number;
  mailConcurrency: number;
  mailAttempts: number;
  mailBackoffMs: number;
  reconcileEveryMs: number;
  /** Reminders due within this window are enqueued by the reconciler ahead of time. */
  reconcileLookaheadMs: number;
  /** How long a worker holds a job before another worker may take it over (a crashed worker's jobs wait this long). */
  jobLockMs: number;
  /** How often each worker looks for audit rows an API process staged and never appended (it died in between). */
  auditOutboxSweepEveryMs: number;
  /** How old such a row must be before a worker makes it the event: beyond any append still under way (its retries last 20 s). */
  auditOutboxRecoverAfterMs: number;
  /** Most rows one list export (CSV/XLSX) may hold; a larger export is refused (422 export-too-large) before it starts. */
  exportMaxRows: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const DEV_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hagukumi',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'hagukumi-local-development-secret-change-me',
} as const;

/**
 * Delivery jobs running at once per worker. Running jobs mostly wait for their shared batch transaction
 * (REMINDER_BATCH_SIZE, a few batches in flight), so many are cheap, and one worker delivers about as many as it
 * holds per batch cycle: 100k due at once went 5.8–6.2k/s at 100, 7.2–7.4k/s at 300 (bench:reminders, alternating
 * runs, same worker CPU). The pool's connections do not grow with it: deliveries hold a few batch transactions.
 */
export const DEFAULT_REMINDER_CONCURRENCY = 300;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = readNodeEnv(env, problems);
  const production = nodeEnv === 'production';

  const required = (name: keyof typeof DEV_DEFAULTS): string => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (production) {
      problems.push(`${name} is required in production`);
      return '';
    }
    return DEV_DEFAULTS[name];
  };

  const databaseUrl = required('DATABASE_URL');
  checkUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:'], problems);
  const redisUrl = required('REDIS_URL');
  checkUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:'], problems);
  const jwtSecret = required('JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (production && jwtSecret === DEV_DEFAULTS.JWT_SECRET) problems.push('JWT_SECRET must not be the development default in production');

  const smtpUrl = env.SMTP_URL ? env.SMTP_URL : null;
  if (smtpUrl) checkUrl('SMTP_URL', smtpUrl, ['smtp:', 'smtps:'], problems);

  const int = (name: string, fallback: number, min: number, max: number): number =>
    readInt(env, name, fallback, min, max, problems);

  const config: AppConfig = {
    nodeEnv,
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    redisUrl,
    redisPrefix: readPrefix(env, problems),
    jwtSecret,
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_SECONDS', 60 * 60 * 12, 60, 60 * 60 * 24 * 30),
    sessionCacheMs: int('SESSION_CACHE_MS', 30_000, 0, 300_000),
    loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT_PER_MINUTE', 30, 1, 100_000),
    signInRefusalMinMs: int('SIGN_IN_REFUSAL_MIN_MS', 250, 0, 5_000),
    refreshRateLimitPerMinute: int('REFRESH_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    trustProxy: readTrustProxy(env, problems),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1_048_576, 1024, 50 * 1_048_576),
    demoPassword: env.DEMO_PASSWORD || 'hagukumi-demo',
    publicBaseUrl: env.PUBLIC_BASE_URL || 'http://127.0.0.1:3000',
    smtpUrl,
    mailFrom: env.MAIL_FROM || 'hagukumi@localhost',
    reminderConcurrency: int('REMINDER_CONCURRENCY', DEFAULT_REMINDER_CONCURRENCY, 1, 1000),
    reminderBatchSize: int('REMINDER_BATCH_SIZE', 100, 1, 1000),
    mailConcurrency: int('MAIL_CONCURRENCY', 5, 1, 100),
    mailAttempts: int('MAIL_ATTEMPTS', 8, 1, 50),
    mailBackoffMs: int('MAIL_BACKOFF_MS', 30_000, 10, 3_600_000),
    reconcileEveryMs: int('RECONCILE_EVERY_MS', 60_000, 100, 3_600_000),
    reconcileLookaheadMs: int('RECONCILE_LOOKAHEAD_MS', 10 * 60_000, 0, 24 * 3_600_000),
    jobLockMs: int('JOB_LOCK_MS', 30_000, 1_000, 600_000),
    auditOutboxSweepEveryMs: int('AUDIT_OUTBOX_SWEEP_EVERY_MS', 60_000, 1_000, 3_600_000),
    auditOutboxRecoverAfterMs: int('AUDIT_OUTBOX_RECOVER_AFTER_MS', 5 * 60_000, 30_000, 24 * 3_600_000),
    exportMaxRows: int('EXPORT_MAX_ROWS', 100_000, 1, 5_000_000),
    logLevel: readLogLevel(env, nodeEnv, problems),
  };

  // Reminders due beyond the lookahead are enqueued by the reconciler alone: it must look further ahead than its period.
  if (config.reconcileLookaheadMs < config.reconcileEveryMs) {
    problems.push(`RECONCILE_LOOKAHEAD_MS (${config.reconcileLookaheadMs}) must be at least RECONCILE_EVERY_MS (${config.reconcileEveryMs}), or reminders could be enqueued late`);
  }

  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

function readNodeEnv(env: Env, problems: string[]): NodeEnv {
  const value = env.NODE_ENV || 'development';
  if (value === 'development' || value === 'test' || value === 'production') return value;
  problems.push(`NODE_ENV must be development, test or production (got "${value}")`);
  return 'development';
}

function checkUrl(name: string, value: string, protocols: string[], problems: string[]): void {
  if (!value) return;
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must use ${protocols.join(' or ')} (got "${url.protocol}")`);
    }
  } catch {
    problems.push(`${name} is not a valid URL`);
  }
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name} must be a whole number (got "${raw}")`);
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    problems.push(`${name} must be between ${min} and ${max} (got ${value})`);
    return fallback;
  }
  return value;
}

function readPrefix(env: Env, problems: string[]): string {
  // The braces make it a Redis Cluster hash tag: every key of one deployment
  // lands in the same slot, which BullMQ's multi-key scripts require.
  const value = env.REDIS_PREFIX || '{hagukumi}';
  if (!/^[A-Za-z0-9_:{}-]{1,64}$/.test(value)) {
    problems.push('REDIS_PREFIX may only contain letters, digits, _ : - { } (1-64 characters)');
  }
  return value;
}

/**
 * TRUST_PROXY: the addresses or CIDR ranges of the proxies in front (the
 * load balancer), comma-separated; proxy-addr's names loopback, linklocal and
 * uniquelocal stand for their ranges. Not "true", nor a hop count: trusting
 * any hop takes the left-most X-Forwarded-For entry, which the client writes
 * itself — a fresh address per request would escape the sign-in limit and
 * forge the audit log's client address (and Fastify now ignores hop counts).
 */
function readTrustProxy(env: Env, problems: string[]): AppConfig['trustProxy'] {
  const value = (env.TRUST_PROXY ?? '').trim();
  if (value === '' || value === 'false') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => PROXY_RANGE_NAMES.has(entry) || isAddressOrRange(entry))) return entries;
  problems.push('TRUST_PROXY must list the addresses or CIDR ranges of the proxies in front, comma-separated (e.g. 10.0.0.0/8); "true" would trust any X-Forwarded-For a client sends');
  return false;
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function readLogLevel(env: Env, nodeEnv: NodeEnv, problems: string[]): AppConfig['logLevel'] {
  const value = env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info');
  if (['debug', 'info', 'warn', 'error', 'silent'].includes(value)) return value as AppConfig['logLevel'];
  problems.push(`LOG_LEVEL must be debug, info, warn, error or silent (got "${value}")`);
  return 'info';
}
