import { BENCH_PASSWORD } from '../lib/stack';
import { sleep } from '../lib/ports';

export interface Sample {
  at: number;
  status: number;
  contentType: string;
  ms: number;
  /** For 5xx and network failures: the start of the body or the error, to tell a mapped 503 from a leak. */
  note?: string;
}

/** A request that takes longer counts as unanswered (the shared, loaded bench machine needs a generous bound). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** One HTTP call that never throws: a network failure is status 0. */
export async function call(url: string, init: RequestInit & { requestId?: string } = {}): Promise<Sample & { body: unknown }> {
  const started = Date.now();
  const headers = new Headers(init.headers);
  if (init.requestId) headers.set('x-request-id', init.requestId);
  try {
    const response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown = text;
    if (contentType.includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { at: started, status: response.status, contentType, ms: Date.now() - started, body, note: response.status >= 500 ? text.slice(0, 200) : undefined };
  } catch (error) {
    return { at: started, status: 0, contentType: '', ms: Date.now() - started, body: null, note: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

export function tally(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) counts[String(s.status)] = (counts[String(s.status)] ?? 0) + 1;
  return counts;
}

export interface WriteRecord extends Sample {
  requestId: string;
  reminderId?: string;
}

/**
 * Loops that keep writing through the API while faults happen: each call
 * schedules a test reminder (a write with its audit event and an enqueue after
 * commit), due a few seconds later.
 */
export class Writers {
  readonly records: WriteRecord[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly apiUrl: () => string, private readonly tokens: string[]) {}

  start(concurrency: number): void {
    for (let i = 0; i < concurrency; i++) this.loops.push(this.loop(i));
  }

  private async loop(index: number): Promise<void> {
    let n = 0;
    while (!this.stopped) {
      const token = this.tokens[(index + n) % this.tokens.length];
      const requestId = `fault-write-${index}-${n++}`;
      const dueAt = new Date(Date.now() + 3_000 + Math.floor(Math.random() * 7_000)).toISOString();
      const result = await call(`${this.apiUrl()}/api/v1/reminders/test`, {
        method: 'POST',
        requestId,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dueAt }),
      });
      const reminderId = result.status === 201 || result.status === 200 ? (result.body as { id?: string }).id : undefined;
      this.records.push({ at: result.at, status: result.status, contentType: result.contentType, ms: result.ms, note: result.note, requestId, reminderId });
      // A failing dependency answers fast; do not spin on it.
      if (result.status >= 500 || result.status === 0) await sleep(200);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }
}

export interface ProbeSample extends Sample {
  probe: 'ready' | 'read' | 'login' | 'write';
  /** Readiness: the dependency checks as answered. */
  checks?: Record<string, string>;
}

/**
 * Polls readiness, a normal read (GET /me: token check and a query), a
 * login (which uses Redis for its rate limit) and a write, all the time, so
 * every fault window has samples of what a client saw.
 */
export class Monitor {
  readonly samples: ProbeSample[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly apiUrl: () => string, private readonly token: string) {}

  start(): void {
    const base = () => this.apiUrl();
    this.loops.push(this.every(250, 'ready', () => call(`${base()}/health/ready`)));
    this.loops.push(this.every(250, 'read', () => call(`${base()}/api/v1/me`, { headers: { authorization: `Bearer ${this.token}` } })));
    this.loops.push(
      this.every(1_000, 'login', () =>
        call(`${base()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loginId: 'auditor', password: BENCH_PASSWORD }) }),
      ),
    );
  }

  private async every(intervalMs: number, probe: ProbeSample['probe'], run: () => Promise<Sample & { body: unknown }>): Promise<void> {
    while (!this.stopped) {
      const started = Date.now();
      const result = await run();
      const checks = probe === 'ready' ? ((result.body as { checks?: Record<string, string> } | null)?.checks ?? undefined) : undefined;
      this.samples.push({ probe, at: result.at, status: result.status, contentType: result.contentType, ms: result.ms, note: result.note, checks });
      await sleep(Math.max(0, intervalMs - (Date.now() - started)));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }
}
