import type { KeyObject } from 'node:crypto';
import { JwtPayload, verify } from 'jsonwebtoken';

/** Enough for every signed-in member of staff of a ward several times over; the oldest entries go first. */
const MAX_ENTRIES = 5_000;
/** How long a token without an expiry (never issued here, but valid if signed) is remembered. */
const NO_EXPIRY_MS = 60_000;

interface Entry {
  payload: JwtPayload;
  /** Epoch ms from which the token no longer verifies: its `exp`. */
  expiresAt: number;
}

/**
 * Access tokens whose signature has been checked. Every request carries its
 * token, and one consultant's session sends the same one for up to its
 * lifetime: checking the HMAC and parsing the header and claims again on each
 * request was about 5% of the API's CPU. A token is remembered only once it
 * has verified (HS256, this key, not expired, not before its `nbf`), so a
 * forged or garbled token is checked, and refused, every time; a remembered
 * one answers until the second its `exp` names, exactly when verifying it
 * would start to fail. Whether its session is still open is not this class's
 * question: the strategy asks that of every request (SessionCache).
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly key: KeyObject,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The token's claims if it verifies, else null. */
  verify(token: string): JwtPayload | null {
    const now = this.now();
    const known = this.entries.get(token);
    if (known && known.expiresAt > now) return known.payload;
    if (known) this.entries.delete(token);
    const payload = this.check(token, now);
    if (payload === null) return null;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { payload, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : now + NO_EXPIRY_MS });
    return payload;
  }

  get size(): number {
    return this.entries.size;
  }

  private check(token: string, now: number): JwtPayload | null {
    try {
      // The key object, not the secret's text: given a string, jsonwebtoken first tries it as a PEM public key.
      const payload = verify(token, this.key, { algorithms: ['HS256'], clockTimestamp: Math.floor(now / 1000) });
      // Frozen: one object answers every request carrying the token while it is remembered.
      return typeof payload === 'object' && payload !== null ? Object.freeze(payload) : null;
    } catch {
      return null;
    }
  }
}
