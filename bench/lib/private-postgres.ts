import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, sleep } from './ports';

/**
 * A PostgreSQL cluster of the bench's own: initdb into a temporary folder
 * under the git-ignored `.data/`, listening on 127.0.0.1 on a free port. The
 * fault bench stops and starts it at will; the machine's shared server is
 * never touched. As root it runs as the `postgres` OS user (PostgreSQL
 * refuses root), like scripts/ensure-services.js.
 */
export class PrivatePostgres {
  private running = false;

  private constructor(readonly dir: string, readonly port: number, private readonly bin: string, private readonly runAs: string | null, private readonly settings: string[]) {}

  /** `settings`: extra server settings, e.g. `shared_preload_libraries=pg_stat_statements` for profiling. */
  static async create(root: string, name: string, settings: string[] = []): Promise<PrivatePostgres> {
    const bin = postgresBinDir();
    const dataRoot = path.join(root, '.data');
    mkdirSync(dataRoot, { recursive: true });
    const dir = mkdtempSync(path.join(dataRoot, `${name}-`));
    const runAs = process.getuid?.() === 0 ? 'postgres' : null;
    if (runAs) {
      const uid = Number(spawnSync('id', ['-u', runAs], { encoding: 'utf8' }).stdout.trim());
      const gid = Number(spawnSync('id', ['-g', runAs], { encoding: 'utf8' }).stdout.trim());
      chownSync(dir, uid, gid);
    }
    const pg = new PrivatePostgres(dir, await freePort(), bin, runAs, settings);
    pg.run('initdb', ['-D', pg.pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    return pg;
  }

  get pgData(): string {
    return path.join(this.dir, 'pgdata');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    // Enough connections for two APIs and two workers with their pools, plus the bench's own clients.
    const options = [`-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB`, ...this.settings.map((s) => `-c ${s}`)].join(' ');
    this.run('pg_ctl', ['-D', this.pgData, '-l', path.join(this.dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
    this.running = true;
    await this.waitUntilAnswering();
  }

  /** `immediate` is a crash (no checkpoint, recovery on the next start); `fast` a clean shutdown. */
  stop(mode: 'immediate' | 'fast' = 'fast'): void {
    if (!this.running) return;
    this.run('pg_ctl', ['-D', this.pgData, '-m', mode, '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Stops the server (if running) and deletes its folder. */
  destroy(): void {
    try {
      this.stop('immediate');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async waitUntilAnswering(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      } finally {
        await client.end().catch(() => undefined);
      }
      await sleep(100);
    }
  }

  private run(tool: string, args: string[]): void {
    const command = path.join(this.bin, tool);
    const options: SpawnSyncOptions = { encoding: 'utf8', timeout: 120_000, cwd: this.dir };
    const result = this.runAs ? spawnSync('runuser', ['-u', this.runAs, '--', command, ...args], options) : spawnSync(command, args, options);
    if (result.error || result.status !== 0) {
      throw new Error(`${tool} failed: ${result.error?.message ?? `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()}`);
    }
  }
}

/** The newest installed server binaries (Debian keeps them off PATH). */
function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(base, version, 'bin');
    if (existsSync(path.join(bin, 'pg_ctl')) && existsSync(path.join(bin, 'initdb'))) return bin;
  }
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(onPath);
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) are not installed');
}
