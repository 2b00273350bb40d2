export class TimeoutError extends Error {}

/**
 * Waits for `work` at most `ms`. The work itself is not cancelled: callers use
 * this only for idempotent work (e.g. an enqueue by deterministic job id) that
 * may still finish later without harm. A late rejection is swallowed.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
