import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Fixed body, or one per request (e.g. a distinct visit each time). */
  body?: string | (() => string);
  /**
   * Instead of one request: a sequence each connection cycles through (e.g. a
   * case's detail, then its timeline), paths relative to `url`'s origin.
   */
  sequence?: Array<{ method: 'GET' | 'POST'; path: () => string; body?: () => string }>;
  connections: number;
  durationSeconds: number;
  /** How long a request may take before it counts as an error (autocannon's default: 10 s). */
  timeoutSeconds?: number;
}

/**
 * Drives one endpoint with autocannon and keeps every response time, so the
 * percentiles (p95 included, which autocannon does not report) are exact.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const makeBody = typeof options.body === 'function' ? options.body : undefined;
  // Without a callback autocannon answers an emitter that is also a promise of the result.
  const instance = autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: { ...(options.body || options.sequence?.some((s) => s.body) ? { 'content-type': 'application/json' } : {}), ...(options.headers ?? {}) },
    body: typeof options.body === 'string' ? options.body : undefined,
    requests: options.sequence
      ? options.sequence.map((step) => ({
          method: step.method,
          setupRequest: (request: autocannon.Request) => ({ ...request, method: step.method, path: step.path(), body: step.body?.() }),
        }))
      : makeBody
        ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: makeBody() }) }]
        : undefined,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds ?? 10,
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  // Nearest rank, to 0.01 ms.
  const pct = (p: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 100) / 100 : NaN);
  return {
    requests: result.requests.total,
    // Over the run's exact duration: autocannon's per-second average rounds a report's 0-2 requests a second away.
    rps: result.duration > 0 ? result.requests.total / result.duration : NaN,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
