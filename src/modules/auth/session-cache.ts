import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { Actor } from '../../common/auth/actor';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** The channel migration 1764900000004 notifies, with the user's id, on any change to a user or session that matters here. */
export const AUTH_CHANGED_CHANNEL = 'hagukumi_auth_changed';
/** The notification's payload for an office's consultant rule changed: `office:<office id>` (a user's is their id). */
export const OFFICE_CHANGED_PREFIX = 'office:';

/** Enough for every signed-in member of staff of a ward several times over; the oldest entries go first. */
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;

interface Entry {
  actor: Actor;
  /** Epoch ms until which the entry may answer: the cache period, never past the session's own expiry. */
  until: number;
}

/**
 * Recent access-token checks, so that a request does not cost a database
 * round trip to learn that its user is still active and its session still
 * open. Safe only because PostgreSQL tells every API process when that stops
 * being true: triggers NOTIFY `hagukumi_auth_changed` with the user's id on a
 * session revoked, shortened or deleted and on a user deactivated, deleted or
 * given other roles, office or login id, and this cache drops the user's
 * entries when the notification arrives (milliseconds after the commit); on
 * an office's rule for its consultants changed (which checks carry, see
 * `Actor.consultantScope`) it drops them all.
 *
 * It answers only while its LISTEN connection is up: while it is down (a
 * restart of PostgreSQL, a fail-over) every check goes to the database, and
 * the entries are dropped, since notifications may have been missed. An
 * entry lives `SESSION_CACHE_MS` at most (a bound even if a notification were
 * lost), and a check that raced a notification is not cached (`epoch`).
 * Revocations made by this process also drop the entries at once
 * (`forgetUser`), so its own next request never sees the old state.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, Entry>();
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Whether the outage was logged already: one line when the cache goes off, one when it is back. */
  private offLogged = false;
  /** Bumped whenever entries are dropped: a check read before the bump must not be cached after it. */
  private epoch = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.sessionCacheMs > 0;
  }

  /** Whether the cache answers: its LISTEN connection is up. */
  get listeningForChanges(): boolean {
    return this.listening;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.drop();
    await this.listener?.end().catch(() => undefined);
  }

  /** The cached check of this token's user and session, if there is a fresh one. */
  get(userId: string, sessionId: string): Actor | null {
    if (!this.listening) return null;
    const key = keyOf(userId, sessionId);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.actor;
  }

  /** The epoch to hand back to `put`: read it before querying the database. */
  currentEpoch(): number {
    return this.epoch;
  }

  /** Keeps a check read from the database since `epoch`, unless entries were dropped meanwhile. */
  put(actor: Actor, sessionExpiresAt: Date, epoch: number): void {
    if (!this.listening || epoch !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const until = Math.min(Date.now() + this.config.sessionCacheMs, sessionExpiresAt.getTime());
    this.entries.set(keyOf(actor.userId, actor.sessionId), { actor, until });
  }

  /** Drops every entry of the user (a session of theirs revoked, their account changed). */
  forgetUser(userId: string): void {
    this.epoch++;
    const prefix = `${userId}:`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Drops every entry after the office's rule for its consultants changed (what the notification does, without waiting for it). */
  forgetOffice(_officeId: string): void {
    // Rare enough to drop everything rather than find the office's users, as the notification handler does.
    this.drop();
  }

  private drop(): void {
    this.epoch++;
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'hagukumi-auth-listener', keepAlive: true, connectionTimeoutMillis: 5_000 });
    client.on('notification', (message: Notification) => {
      if (message.channel !== AUTH_CHANGED_CHANNEL || !message.payload) return;
      // An office's rule for its consultants changed.
      if (message.payload.startsWith(OFFICE_CHANGED_PREFIX)) this.forgetOffice(message.payload.slice(OFFICE_CHANGED_PREFIX.length));
      else this.forgetUser(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
      this.listening = true;
      if (this.offLogged) this.logger.log('session cache on again: listening for session changes');
      this.offLogged = false;
    } catch (error) {
      if (!this.offLogged) this.logger.warn(`session cache off until PostgreSQL answers: ${(error as Error).message}`);
      this.offLogged = true;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private lost(client: Client): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.listening = false;
    this.drop();
    client.end().catch(() => undefined);
    if (!this.stopped) {
      this.logger.warn('session cache off: its LISTEN connection was lost; reconnecting');
      this.offLogged = true;
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}

function keyOf(userId: string, sessionId: string): string {
  return `${userId}:${sessionId}`;
}
