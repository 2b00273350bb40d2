import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../scripts/lib/local-servers';
import { SERVER_NODE_FLAGS } from '../scripts/lib/server-node-flags';
import { TestDatabase } from './harness/test-app';
import { testServerUrls } from './harness/test-env';

/** The compiled entry points (npm test builds dist/ first), run as real processes. */
// Real processes load the whole application; on a busy machine that takes a while.
jest.setTimeout(180_000);

describe('process entry points', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create();
  });
  afterAll(async () => {
    await db.drop();
  });

  /** As `npm start` and `npm run start:worker` run them, with the servers' V8 flags. */
  const run = (script: string, env: Record<string, string>): ChildProcess =>
    spawn(process.execPath, [...SERVER_NODE_FLAGS, script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

  const output = (child: ChildProcess): (() => string) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return () => text;
  };

  const exitOf = async (child: ChildProcess, timeoutMs: number): Promise<number | string | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    clearTimeout(timer);
    return code ?? signal;
  };

  it('refuses to start with a message naming each missing production setting', async () => {
    const child = run('dist/src/main.js', { NODE_ENV: 'production' });
    const text = output(child);
    expect(await exitOf(child, 60_000)).toBe(78);
    expect(text()).toContain('JWT_SECRET is required in production');
    expect(text()).toContain('DATABASE_URL is required in production');
  });

  it('the API and the worker start, answer readiness, and stop cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env = { NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL: testServerUrls().redis, REDIS_PREFIX: db.redisPrefix, PORT: String(port), LOG_LEVEL: 'warn' };
    const api = run('dist/src/main.js', env);
    const worker = run('dist/src/worker.js', env);
    const apiLog = output(api);
    const workerLog = output(worker);
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, 45_000);
      api.kill('SIGTERM');
      worker.kill('SIGTERM');
      // Nest closes the app (HTTP server, queues, pools) and then re-raises the
      // signal, so a clean stop ends by SIGTERM; a hang would end by our SIGKILL.
      const [apiExit, workerExit] = await Promise.all([exitOf(api, 30_000), exitOf(worker, 30_000)]);
      expect({ apiExit, workerExit }).toEqual({ apiExit: 'SIGTERM', workerExit: 'SIGTERM' });
    } catch (error) {
      throw new Error(`${String(error)}\napi: ${apiLog()}\nworker: ${workerLog()}`);
    } finally {
      api.kill('SIGKILL');
      worker.kill('SIGKILL');
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
