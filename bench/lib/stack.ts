import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../../src/common/queues/queue-catalog';
import { queueBaseOptions } from '../../src/common/queues/queue-options';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { seed } from '../../seeds/seed';
import { freePort, sleep } from './ports';
import { MeasuredProcess, waitForHttp } from './processes';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const BENCH_PASSWORD = 'hagukumi-bench-password';
const JWT_SECRET = 'hagukumi-bench-jwt-secret-not-for-production-use-0123456789';

/** Settings shared by every API and worker process of one bench run. */
export interface StackSettings {
  databaseUrl: string;
  redisUrl: string;
  /** Extra environment (RECONCILE_EVERY_MS, SMTP_URL, ...). */
  env?: Record<string, string>;
  /** Folder for the processes' log files. */
  logDir: string;
}

/**
 * The real compiled API (dist/src/main.js) and worker (dist/src/worker.js)
 * as child processes, each measured (RSS) and logging to a file of its own.
 */
export class Stack {
  readonly apis: Array<{ process: MeasuredProcess; url: string }> = [];
  readonly workers: MeasuredProcess[] = [];
  private serial = 0;

  constructor(readonly settings: StackSettings) {
    mkdirSync(settings.logDir, { recursive: true });
  }

  private env(extra: Record<string, string>): Record<string, string> {
    return {
      NODE_ENV: 'production',
      DATABASE_URL: this.settings.databaseUrl,
      REDIS_URL: this.settings.redisUrl,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      // As `npm run up` starts them: a heap sized for a 256 MB container.
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-old-space-size=160',
      ...(this.settings.env ?? {}),
      ...extra,
    };
  }

  /** Starts an API process; with `index`, in place of the (killed) one at that position. */
  async startApi(index = this.apis.length): Promise<string> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const name = `api-${++this.serial}`;
    const process = MeasuredProcess.start(name, path.join(DIST, 'src/main.js'), this.env({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: url }), {
      logFile: path.join(this.settings.logDir, `${name}.log`),
    });
    this.apis[index] = { process, url };
    await waitForHttp(`${url}/health/ready`, 60_000);
    return url;
  }

  /** Starts a worker; with `index`, in place of the (crashed) worker at that position. */
  async startWorker(index = this.workers.length): Promise<MeasuredProcess> {
    const name = `worker-${++this.serial}`;
    const logFile = path.join(this.settings.logDir, `${name}.log`);
    // Info level for the worker: its start line is how we know it runs (it logs no line per job).
    const worker = MeasuredProcess.start(name, path.join(DIST, 'src/worker.js'), this.env({ LOG_LEVEL: 'info' }), { logFile });
    this.workers[index] = worker;
    const deadline = Date.now() + 60_000;
    while (!(existsSync(logFile) && readFileSync(logFile, 'utf8').includes('"msg":"worker started"'))) {
      if (!worker.running) throw new Error(`${name} exited during start-up (see ${logFile})`);
      if (Date.now() > deadline) throw new Error(`${name} did not start within 60 s (see ${logFile})`);
      await sleep(100);
    }
    return worker;
  }

  /**
   * Waits until the worker's start-up sweeps (every plan's reminder put where
   * the plan says: minutes of PostgreSQL work at the 1m scale) have finished,
   * so that they do not run under, and get counted in, the measurements.
   */
  async waitForStartupSweeps(timeoutMs = 900_000): Promise<number> {
    const config = loadConfig({ NODE_ENV: 'development', REDIS_URL: this.settings.redisUrl });
    const queue = new Queue(QueueName.RuleSweeps, queueBaseOptions(config));
    const started = Date.now();
    try {
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return (Date.now() - started) / 1000;
        if (Date.now() - started > timeoutMs) throw new Error(`start-up sweeps still running after ${timeoutMs / 1000} s: ${JSON.stringify(counts)}`);
        await sleep(1_000);
      }
    } finally {
      await queue.close();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis.map((a) => a.process.stop()), ...this.workers.map((w) => w.stop())]);
  }
}

/** Migrates and seeds (offices, demo users with BENCH_PASSWORD) a database, in process. */
export async function prepareDatabase(databaseUrl: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ ...loadConfig({ NODE_ENV: 'development' }), databaseUrl }, { poolSize: 2, applicationName: 'hagukumi-bench-setup' }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seed(dataSource, { demo: true, demoPassword: BENCH_PASSWORD });
  } finally {
    await dataSource.destroy();
  }
}

/** Signs in and answers the access token. */
export async function login(apiUrl: string, loginId: string, password = BENCH_PASSWORD): Promise<string> {
  const response = await fetch(`${apiUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loginId, password }) });
  if (response.status !== 200) throw new Error(`login ${loginId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export function machine(): { cpus: string; cores: number; memoryGb: number; node: string; loadAverage: number[] } {
  return { cpus: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) };
}
