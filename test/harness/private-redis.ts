import { ChildProcess } from 'node:child_process';
import { freePort, killProcess, startRedisServer, withRedis } from '../../scripts/lib/local-servers';

/**
 * A throw-away redis-server of the test's own (no persistence), for tests that
 * FLUSHALL or stop Redis. Never point those tests at the shared server.
 */
export class PrivateRedis {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** (Re)starts the server on the same port, empty. */
  async up(): Promise<void> {
    if (this.process) return;
    this.process = await startRedisServer(this.port, ['--save', '', '--appendonly', 'no'], 5_000);
  }

  /** Stops the server abruptly, like a crash. */
  async down(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (child) await killProcess(child);
  }

  async flushAll(): Promise<void> {
    await withRedis(this.url, (client) => client.flushall());
  }
}
