import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { sleep } from './wait';
import { SERVER_NODE_FLAGS } from '../../scripts/lib/server-node-flags';

const WORKER_ENTRY = path.resolve(__dirname, '..', '..', 'dist', 'src', 'worker.js');

/**
 * The compiled worker entry (dist/src/worker.js) as a real child process on a
 * TestApp's database and Redis, for tests that crash it (SIGKILL) — which an
 * in-process TestWorker cannot do. Build first: `npx tsc -p tsconfig.json`.
 */
export class WorkerProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  /** `env` adds or overrides environment variables (JOB_LOCK_MS, REMINDER_CONCURRENCY, ...). */
  static async start(config: AppConfig, env: Record<string, string> = {}): Promise<WorkerProcess> {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: build first (npx tsc -p tsconfig.json)`);
    const inherited = { ...process.env };
    // Only what this test sets: no mail server, no stray settings of the shell running Jest.
    for (const name of ['SMTP_URL', 'REMINDER_CONCURRENCY', 'REMINDER_BATCH_SIZE', 'MAIL_CONCURRENCY', 'JOB_LOCK_MS', 'RECONCILE_EVERY_MS', 'RECONCILE_LOOKAHEAD_MS', 'REDIS_PREFIX']) delete inherited[name];
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, WORKER_ENTRY], {
      env: {
        ...inherited,
        NODE_ENV: 'test',
        // Info level: the "worker started" line tells us it runs (it logs no line per job).
        LOG_LEVEL: 'info',
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        REDIS_PREFIX: config.redisPrefix,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    const deadline = Date.now() + 60_000;
    while (!worker.output.includes('"msg":"worker started"')) {
      if (!worker.running) throw new Error(`the worker exited during start-up (${String(child.exitCode ?? child.signalCode)}):\n${worker.output}`);
      if (Date.now() > deadline) throw new Error(`the worker did not start within 60 s:\n${worker.output}`);
      await sleep(50);
    }
    return worker;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process logged so far. */
  get log(): string {
    return this.output;
  }

  /** SIGKILL: a crash, no shutdown hooks, jobs left active and transactions open. */
  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, as in a deployment: running jobs finish first. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timeout);
  }
}
