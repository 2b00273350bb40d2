import { isIPv6 } from 'node:net';

/**
 * What a per-address limit counts for a client address: an IPv4 address as
 * it is, an IPv6 address by its /64 — one subscriber's network, whose hosts
 * choose their interface ids at will (a client cycling through them would
 * otherwise get a fresh allowance, and fresh Redis keys, with every request).
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function rateLimitedAddress(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const groups = ipv6Groups(ip);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail read as two groups, a zone dropped). */
function ipv6Groups(ip: string): number[] {
  let text = ip.split('%')[0];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const start = parse(head);
  const end = parse(tail);
  const gap = tail === undefined ? 0 : 8 - start.length - end.length;
  return [...start, ...Array<number>(gap).fill(0), ...end];
}
