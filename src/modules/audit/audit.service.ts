import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { Actor } from '../../common/auth/actor';
import { isDependencyDown } from '../../common/problem/problem-renderer';
import { AuditOutcome } from './audit-event.entity';
import { AUDIT_EVENT_COLUMN_TYPES, AUDIT_EVENT_COLUMNS, auditEventColumns } from './audit-columns';
import { moveFromOutbox } from './audit-outbox-recovery';
import { outsideWriteAudit } from './write-audit';

export interface RequestMeta {
  requestId?: string;
  clientIp?: string;
}

export interface AuditRecord {
  action: string;
  outcome: AuditOutcome;
  actor?: Pick<Actor, 'userId' | 'loginId' | 'roles' | 'officeId'> | null;
  /** For events before authentication (failed login): the login id that was tried. */
  attemptedLoginId?: string;
  resourceType?: string | null;
  resourceId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  meta?: RequestMeta;
}

/** One INSERT carries at most this many events (13 or 14 parameters each, well under PostgreSQL's 65,535). */
const MAX_BATCH_EVENTS = 500;

/**
 * How long the events of a committed change keep being retried while
 * PostgreSQL is unreachable (a restart or a fail-over), and how often.
 */
export const COMMITTED_RETRY_WINDOW_MS = 20_000;
export const COMMITTED_RETRY_EVERY_MS = 500;

interface Pending {
  events: AuditRecord[];
  /** The request's row in audit_outbox, deleted by the statement that appends its events. */
  outboxKey?: string;
  /** When the caller recorded them: the events keep this time even if their batch is written a moment later. */
  at: Date;
  /** Until when a batch failing because the database is unreachable is retried (null: fail at once). */
  retryUntil: number | null;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends to the audit log. The database trigger assigns the id and chains
 * the hash; this service only supplies the facts.
 *
 * Every insert holds the chain lock until its commit is flushed to disk, so
 * the log takes one insert at a time for the whole deployment. Events are
 * therefore written in batches: while one INSERT is in flight, the events
 * of other requests queue and go together in the next one (no timer: an idle
 * system writes at once). Each caller still waits until its own events are
 * committed. If a batch fails, its callers are retried one by one, so one
 * bad event cannot fail another request.
 */
@Injectable()
export class AuditService {
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Outside a transaction (the usual case) the events join the next batch,
   * written in a short transaction of its own, so the chain lock is never held
   * across a business transaction. Pass `manager` only when the event must
   * commit or roll back together with the change it describes.
   */
  async record(events: AuditRecord | AuditRecord[], manager?: EntityManager): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    const at = new Date();
    if (manager) return this.insert([{ events: list, at }], manager);
    return this.enqueue(list, at, null);
  }

  /**
   * For the events of a change that has already committed: while PostgreSQL
   * is unreachable they are retried for up to COMMITTED_RETRY_WINDOW_MS
   * before the caller fails, so a database restart between the change's
   * commit and its audit append does not leave the change unaudited (the
   * fault run found 2 of 25,084 writes so). Reads and refused requests use
   * `record` and fail at once: nothing was changed, and the caller should not
   * wait for an outage to end to hear about it. `outboxKey` names the row the
   * change staged in audit_outbox (see AuditOutbox): it is deleted by the
   * statement that appends these events.
   */
  async recordCommitted(events: AuditRecord[], outboxKey?: string): Promise<void> {
    if (events.length === 0) return;
    return this.enqueue(events, new Date(), Date.now() + COMMITTED_RETRY_WINDOW_MS, outboxKey);
  }

  /**
   * Turns the rows staged in audit_outbox under these keys into their events
   * (for a write whose request failed after its transaction committed).
   */
  async recordStaged(keys: string[]): Promise<void> {
    // The audit's own write, not the request's change: outside the request's write audit.
    if (keys.length > 0) await outsideWriteAudit(() => moveFromOutbox(this.dataSource, { keys }));
  }

  private enqueue(events: AuditRecord[], at: Date, retryUntil: number | null, outboxKey?: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ events, at, retryUntil, outboxKey, resolve, reject });
      // The drain goes on for later callers' events: it must not carry this request's write audit with it.
      outsideWriteAudit(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0].events.length <= MAX_BATCH_EVENTS)) {
          const next = this.queue.shift() as Pending;
          batch.push(next);
          size += next.events.length;
        }
        try {
          await this.insert(batch);
          batch.forEach((p) => p.resolve());
        } catch (error) {
          if (isDependencyDown(error)) {
            // The database is unreachable: events of committed changes wait for it (put back first, in order), the rest fail.
            const now = Date.now();
            const waiting = batch.filter((p) => p.retryUntil !== null && p.retryUntil > now);
            batch.filter((p) => !waiting.includes(p)).forEach((p) => p.reject(error));
            if (waiting.length > 0) {
              this.queue.unshift(...waiting);
              await sleep(COMMITTED_RETRY_EVERY_MS);
            }
          } else if (batch.length === 1) batch[0].reject(error);
          else await Promise.all(batch.map((p) => this.insert([p]).then(p.resolve, p.reject)));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async insert(batch: Array<Pick<Pending, 'events' | 'at' | 'outboxKey'>>, manager?: EntityManager): Promise<void> {
    const runner = manager ?? this.dataSource;
    const params: unknown[] = [];
    const placeholder = (value: unknown, type?: string) => {
      params.push(value);
      return type ? `$${params.length}::${type}` : `$${params.length}`;
    };
    const staged = batch.some((p) => p.outboxKey);
    if (!staged) {
      const rows = batch.flatMap(({ events, at }) => events.map((event) => auditEventColumns(event, at)));
      const values = rows.map((columns) => `(${AUDIT_EVENT_COLUMNS.map((name) => placeholder(columns[name])).join(', ')})`);
      await runner.query(`INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`, params);
      return;
    }
    // The staged rows are deleted by the statement that appends the events replacing them. A staged row stands for
    // its request's main event (the first): that event goes in only if this statement deleted the row — a row already
    // gone means the event is in the log, from an earlier attempt of this append that committed but lost its answer,
    // or from the worker, which recovered the row meanwhile. The request's other events (records it touched) have no
    // staged row and go in either way: after a lost answer they are written twice, never lost. Every row of the VALUES
    // list is typed (a VALUES list is not an INSERT's) and carries the key its event stands on (null for the rest).
    // The deletion's keys are read (once, as an array) by the filter of the first row, before any row is inserted —
    // a CASE tests its conditions in order, and the array's is first for every row, a null key's too (which the ELSE
    // lets through: over an empty array "= ANY" is false, not null) — so the statement locks the staged rows before
    // the chain, in the worker's order. The rows go in in the list's
    // order (a VALUES scan under a filter, as the plain INSERT above takes them).
    const values = batch.flatMap(({ events, at, outboxKey }) =>
      events.map((event, i) => {
        const columns = auditEventColumns(event, at);
        const typed = AUDIT_EVENT_COLUMNS.map((name) => placeholder(columns[name], AUDIT_EVENT_COLUMN_TYPES[name]));
        return `(${typed.join(', ')}, ${placeholder(i === 0 ? (outboxKey ?? null) : null, 'uuid')})`;
      }),
    );
    const keys = placeholder(batch.flatMap((p) => (p.outboxKey ? [p.outboxKey] : [])), 'uuid[]');
    const columns = AUDIT_EVENT_COLUMNS.join(', ');
    await runner.query(
      `WITH settled AS (DELETE FROM audit_outbox WHERE key = ANY (${keys}) RETURNING key)
       INSERT INTO audit_events (${columns})
       SELECT ${columns} FROM (VALUES ${values.join(', ')}) AS e (${columns}, outbox_key)
        WHERE CASE WHEN e.outbox_key = ANY (ARRAY(SELECT key FROM settled)) THEN true ELSE e.outbox_key IS NULL END`,
      params,
    );
  }
}
