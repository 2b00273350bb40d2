import { createSecretKey } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { VerifiedTokens } from './verified-tokens';

const SECRET = 'a-secret-of-the-test-that-is-long-enough';
const key = createSecretKey(Buffer.from(SECRET, 'utf8'));
const T0 = Date.parse('2026-11-27T09:00:00Z');

/** A token signed as AuthService signs one, issued at `issuedAt` (epoch ms) and valid for `ttl` seconds. */
function token(claims: object, issuedAt: number, ttl: number | null = 900, secret = SECRET): string {
  const iat = Math.floor(issuedAt / 1000);
  return sign({ ...claims, iat, ...(ttl === null ? {} : { exp: iat + ttl }) }, secret, { algorithm: 'HS256' });
}

describe('VerifiedTokens', () => {
  let clock: number;
  let tokens: VerifiedTokens;
  /** The signature checks made (the class's private `check`). */
  let checks: jest.SpyInstance;
  beforeEach(() => {
    clock = T0;
    tokens = new VerifiedTokens(key, () => clock, 3);
    checks = jest.spyOn(tokens as unknown as { check: () => unknown }, 'check');
  });

  it('answers the claims of a good token, then from memory', () => {
    const good = token({ sub: 'u1', sid: 's1' }, T0);
    expect(tokens.verify(good)).toMatchObject({ sub: 'u1', sid: 's1' });
    expect(tokens.verify(good)).toMatchObject({ sub: 'u1', sid: 's1' });
    expect(checks).toHaveBeenCalledTimes(1);
    expect(tokens.size).toBe(1);
    expect(Object.isFrozen(tokens.verify(good))).toBe(true);
  });

  it('stops answering a remembered token at the second of its exp, as verifying it would', () => {
    const good = token({ sub: 'u1', sid: 's1' }, T0, 900);
    expect(tokens.verify(good)).not.toBeNull();
    clock = T0 + 900_000 - 1;
    expect(tokens.verify(good)).not.toBeNull();
    clock = T0 + 900_000;
    expect(tokens.verify(good)).toBeNull();
    expect(tokens.size).toBe(0);
  });

  it('never remembers a token that does not verify', () => {
    const good = token({ sub: 'u1', sid: 's1' }, T0);
    const [header, payload, signature] = good.split('.');
    const forged = [header, Buffer.from(JSON.stringify({ sub: 'admin', sid: 's1', exp: 4102444800 })).toString('base64url'), signature].join('.');
    const otherKey = token({ sub: 'u1', sid: 's1' }, T0, 900, 'another-secret-entirely-of-some-length');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const expired = token({ sub: 'u1', sid: 's1' }, T0 - 901_000, 900);
    const bad = [forged, otherKey, unsigned, expired, 'garbage', '', `${header}.${payload}.x`];
    for (const token of bad) {
      expect(tokens.verify(token)).toBeNull();
      expect(tokens.verify(token)).toBeNull();
    }
    expect(checks).toHaveBeenCalledTimes(2 * bad.length);
    expect(tokens.size).toBe(0);
  });

  it('refuses a token before its nbf and accepts it from then on', () => {
    const later = sign({ sub: 'u1', sid: 's1', iat: T0 / 1000, nbf: T0 / 1000 + 60, exp: T0 / 1000 + 900 }, SECRET, { algorithm: 'HS256' });
    expect(tokens.verify(later)).toBeNull();
    clock = T0 + 60_000;
    expect(tokens.verify(later)).not.toBeNull();
  });

  it('remembers a token without an expiry for a minute only, then checks it again', () => {
    const endless = token({ sub: 'u1', sid: 's1' }, T0, null);
    expect(tokens.verify(endless)).not.toBeNull();
    clock = T0 + 59_999;
    expect(tokens.verify(endless)).not.toBeNull();
    expect(checks).toHaveBeenCalledTimes(1);
    clock = T0 + 60_000;
    expect(tokens.verify(endless)).not.toBeNull();
    expect(checks).toHaveBeenCalledTimes(2);
    expect(tokens.size).toBe(1);
  });

  it('holds at most its bound, the oldest going first', () => {
    const issued = ['a', 'b', 'c', 'd'].map((sid) => token({ sub: 'u1', sid }, T0));
    for (const t of issued) tokens.verify(t);
    expect(tokens.size).toBe(3);
    // The first was dropped: it still verifies (and is remembered again), the bound holds.
    expect(tokens.verify(issued[0])).toMatchObject({ sid: 'a' });
    expect(tokens.size).toBe(3);
  });
});
