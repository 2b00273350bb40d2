import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { freePort, sleep } from './ports';

/**
 * A redis-server of the bench's own on a free port, with the production
 * settings (append-only file, noeviction) in a temporary folder under
 * `.data/`, so a restart keeps what was fsynced — and loses the last second,
 * as a real crash would.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly dir: string, readonly port: number) {}

  static async create(root: string, name: string): Promise<PrivateRedis> {
    const dataRoot = path.join(root, '.data');
    mkdirSync(dataRoot, { recursive: true });
    return new PrivateRedis(mkdtempSync(path.join(dataRoot, `${name}-`)), await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction', '--logfile', path.join(this.dir, 'redis.log')],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis(this.url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      } finally {
        client.disconnect();
      }
      await sleep(50);
    }
  }

  /** SIGKILL: a crash; what was not yet fsynced to the append-only file is lost. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  async flushAll(): Promise<void> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  async client<T>(work: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      return await work(client);
    } finally {
      client.disconnect();
    }
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
