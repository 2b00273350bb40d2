import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has working defaults in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', port: 3000, redisPrefix: '{hagukumi}', smtpUrl: null });
    expect(config.databaseUrl).toMatch(/^postgres:/);
  });

  it('refuses to start production without explicit secrets, naming each missing variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL is required in production');
      expect(message).toContain('REDIS_URL is required in production');
      expect(message).toContain('JWT_SECRET is required in production');
    }
  });

  it('refuses the development secret and short secrets in production', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hagukumi', REDIS_URL: 'redis://r:6379' };
    expect(() => loadConfig({ ...env, JWT_SECRET: 'hagukumi-local-development-secret-change-me' })).toThrow(/development default/);
    expect(() => loadConfig({ ...env, JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ ...env, JWT_SECRET: 'x'.repeat(40) }).nodeEnv).toBe('production');
  });

  it('names malformed values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL must use postgres/);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL is not a valid URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL must use smtp/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ RECONCILE_EVERY_MS: '120000', RECONCILE_LOOKAHEAD_MS: '60000' })).toThrow(/RECONCILE_LOOKAHEAD_MS \(60000\) must be at least RECONCILE_EVERY_MS/);
    // Recovering a staged audit row while its request's append may still be retrying (20 s) would write its event twice.
    expect(() => loadConfig({ AUDIT_OUTBOX_RECOVER_AFTER_MS: '10000' })).toThrow(/AUDIT_OUTBOX_RECOVER_AFTER_MS must be between 30000/);
    expect(loadConfig({}).auditOutboxRecoverAfterMs).toBe(300_000);
  });

  it('trusts X-Forwarded-For only from the proxies named: their addresses or ranges, never any hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.10,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.10', 'loopback']);
    expect(loadConfig({ TRUST_PROXY: 'fd00::/8' }).trustProxy).toEqual(['fd00::/8']);
    for (const value of ['true', '1', '10.0.0.0/33', '10.0.0.0/8/1', 'lb.example']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must list the addresses/);
    }
  });
});
