import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createHttpApp } from '../../src/http-app';
import { UnstagedWriteGuard } from '../../src/modules/audit/unstaged-write-guard';
import { seed } from '../../seeds/seed';
import { TEMPLATE_ENV, testServerUrls, uniqueName, withDatabase } from './test-env';

export const DEMO_PASSWORD = 'hagukumi-demo-test';

export interface HttpResult<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (for malformed JSON and media-type tests). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
}

/** A database of its own, cloned from the migrated template, plus a Redis key prefix of its own. */
export class TestDatabase {
  private constructor(readonly name: string, readonly url: string, readonly redisPrefix: string) {}

  static async create(): Promise<TestDatabase> {
    const template = process.env[TEMPLATE_ENV];
    if (!template) throw new Error('The e2e global setup did not run (no template database).');
    const { postgres } = testServerUrls();
    const name = uniqueName('db');
    const admin = new Client({ connectionString: withDatabase(postgres, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.end();
    }
    return new TestDatabase(name, withDatabase(postgres, name), `{hgk-test-${randomBytes(5).toString('hex')}}`);
  }

  config(overrides: Partial<AppConfig> = {}): AppConfig {
    const { redis } = testServerUrls();
    return {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      databaseUrl: this.url,
      redisUrl: redis,
      redisPrefix: this.redisPrefix,
      demoPassword: DEMO_PASSWORD,
      // Every test signs in from 127.0.0.1; the rate-limit test sets its own low limit.
      loginRateLimitPerMinute: 100_000,
      // Suites sign in wrongly on purpose hundreds of times; the authentication suite keeps a floor and checks it.
      signInRefusalMinMs: 0,
      ...overrides,
    };
  }

  /** An initialised DataSource on this database with the application's own connection options (its pg client, session settings). */
  async openDataSource(poolSize = 1): Promise<DataSource> {
    return new DataSource(dataSourceOptions(this.config(), { poolSize, applicationName: 'hagukumi-test' })).initialize();
  }

  async drop(): Promise<void> {
    const { postgres, redis } = testServerUrls();
    const admin = new Client({ connectionString: withDatabase(postgres, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    await deleteRedisKeys(redis, this.redisPrefix);
  }
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** The real HTTP application on its own database, driven through Fastify's in-process injection. */
export class TestApp {
  private constructor(readonly app: NestFastifyApplication, readonly db: TestDatabase, readonly config: AppConfig) {}

  /**
   * Passport keeps strategies in a process-wide registry, so a second app in
   * the same test file would silently take over the first one's token checks.
   * One open app per file; put tests that need other settings in a file of their own.
   */
  private static openApp: TestApp | null = null;

  static async start(options: { config?: Partial<AppConfig>; demo?: boolean; demoRecords?: boolean } = {}): Promise<TestApp> {
    if (TestApp.openApp) throw new Error('Another TestApp is still open in this test file; close it first.');
    const db = await TestDatabase.create();
    const config = db.config(options.config);
    const app = await createHttpApp(config, { logger: new JsonLogger(config.logLevel, 'api-test') });
    const testApp = new TestApp(app, db, config);
    TestApp.openApp = testApp;
    await seed(testApp.dataSource, { demo: options.demo ?? true, demoPassword: DEMO_PASSWORD, demoRecords: options.demoRecords ?? false });
    return testApp;
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  async request<T = any>(method: string, url: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const query = options.query
      ? Object.fromEntries(Object.entries(options.query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]))
      : undefined;
    const response = await this.app.inject({ method: method as 'GET', url, headers, payload, query });
    let body: unknown = undefined;
    const type = String(response.headers['content-type'] ?? '');
    if (response.body && type.includes('json')) body = JSON.parse(response.body);
    return { status: response.statusCode, headers: response.headers, body: body as T, text: response.body };
  }

  get = <T = any>(url: string, options?: RequestOptions) => this.request<T>('GET', url, options);
  post = <T = any>(url: string, options?: RequestOptions) => this.request<T>('POST', url, options);
  patch = <T = any>(url: string, options?: RequestOptions) => this.request<T>('PATCH', url, options);

  /** Signs in and answers the access token (fails the test if sign-in fails). */
  async login(loginId: string, password = DEMO_PASSWORD): Promise<string> {
    const response = await this.post('/api/v1/auth/login', { body: { loginId, password } });
    if (response.status !== 200) throw new Error(`login ${loginId} failed: ${response.status} ${response.text}`);
    return response.body.accessToken as string;
  }

  async officeId(code: string): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM offices WHERE code = $1`, [code]);
    if (!rows[0]) throw new Error(`no office ${code}`);
    return rows[0].id;
  }

  async userId(loginId: string): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM users WHERE login_id = $1`, [loginId]);
    if (!rows[0]) throw new Error(`no user ${loginId}`);
    return rows[0].id;
  }

  /**
   * Closes the app and drops its database. Every e2e file thereby also checks
   * that each write it made settled its staged audit row (the append deletes
   * it): a row left behind means a write whose event only the worker's
   * recovery would write.
   */
  async close(): Promise<void> {
    TestApp.openApp = null;
    let staged: Array<{ action: string }> = [];
    const unstaged = [...this.app.get(UnstagedWriteGuard).takeUnstagedWrites().keys()];
    try {
      staged = await this.dataSource.query(`SELECT action FROM audit_outbox ORDER BY staged_at`);
    } finally {
      await this.app.close();
      await this.db.drop();
    }
    if (staged.length > 0) throw new Error(`audit rows left staged (a write's append never settled them): ${staged.map((r) => r.action).join(', ')}`);
    if (unstaged.length > 0) throw new Error(`writes outside a transaction, their audit events not staged with them: ${unstaged.join(', ')}`);
  }
}
