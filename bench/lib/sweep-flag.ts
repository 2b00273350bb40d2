import { median } from './median';

/**
 * Why a route's times are suspect (null: they are not): an answer of 500 or
 * more, a request that got no answer (status 0), or the calls from the
 * seventh on (when a connection's prepared statements may have kept a
 * generic plan) slower than the second to sixth by three times at the
 * median, and slower than 20 ms. A plan kept stays: every later call is slow,
 * where a pause of the machine makes one.
 */
export function flagOf(statuses: number[], ms: number[]): string | null {
  const failed = [...new Set(statuses.filter((status) => status >= 500 || status === 0))];
  if (failed.length > 0) return `answered ${failed.map((status) => (status === 0 ? 'nothing' : status)).join(', ')}`;
  const custom = median(ms.slice(1, 6));
  const later = median(ms.slice(6));
  if (later > 3 * custom && later > 20) return `calls 7-${ms.length} took ${later.toFixed(0)} ms at the median, against ${custom.toFixed(0)} for calls 2-6`;
  return null;
}
