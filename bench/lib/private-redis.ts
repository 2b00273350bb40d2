import { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { freePort, killProcess, startRedisServer, withRedis } from '../../scripts/lib/local-servers';

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
    this.child = await startRedisServer(
      this.port,
      ['--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction', '--logfile', path.join(this.dir, 'redis.log')],
      10_000,
    );
  }

  /** SIGKILL: a crash; what was not yet fsynced to the append-only file is lost. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child) await killProcess(child);
  }

  async flushAll(): Promise<void> {
    await withRedis(this.url, (client) => client.flushall());
  }

  async client<T>(work: (client: Redis) => Promise<T>): Promise<T> {
    return withRedis(this.url, work);
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
