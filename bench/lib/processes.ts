import { ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { SERVER_NODE_FLAGS } from '../../scripts/lib/server-node-flags';

/** A child process whose resident memory is sampled while it runs. */
export class MeasuredProcess {
  private peakRssKb = 0;
  private timer: NodeJS.Timeout;

  private constructor(readonly name: string, readonly child: ChildProcess) {
    this.timer = setInterval(() => this.sample(), 200);
  }

  /** With `logFile`, the process's stdout and stderr (JSON log lines) are appended there. */
  static start(name: string, script: string, env: Record<string, string>, options: { logFile?: string } = {}): MeasuredProcess {
    const out = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, script], { env: { ...process.env, ...env }, stdio: ['ignore', out, options.logFile ? out : 'inherit'] });
    return new MeasuredProcess(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Kills without a grace period (SIGKILL: a crash) and waits for the exit. */
  async kill(): Promise<void> {
    clearInterval(this.timer);
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Current resident set in MB. */
  rssMb(): number {
    return this.readKb('VmRSS') / 1024;
  }

  peakRssMb(): number {
    this.sample();
    return this.peakRssKb / 1024;
  }

  resetPeak(): void {
    this.peakRssKb = 0;
  }

  private sample(): void {
    this.peakRssKb = Math.max(this.peakRssKb, this.readKb('VmRSS'));
  }

  private readKb(field: string): number {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = new RegExp(`${field}:\\s+(\\d+)`).exec(status);
      return match ? Number(match[1]) : 0;
    } catch {
      return 0;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
  }
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
