import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { BeforeQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { JsonLogger } from '../../common/logging/json-logger';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { currentWriteAudit } from './write-audit';

/** A statement that writes: INSERT, UPDATE, DELETE, MERGE or TRUNCATE, alone or as a data-modifying CTE. */
const WRITES = /^\s*(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b|^\s*WITH\b[\s\S]*?\b(?:INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+[\w."]+(?:\s+(?:AS\s+)?\w+)?\s+SET)\b/i;

/** The guard's log line (with the route's `action`): the fault run counts them in the API's logs. */
export const UNSTAGED_WRITE_MESSAGE = 'write outside a transaction: its audit event is not staged with it';

export function writesData(sql: string): boolean {
  return WRITES.test(sql);
}

/**
 * Watches for the one way a write request's change escapes the audit outbox:
 * a statement that writes, run outside a transaction while the request's
 * handler runs. It commits on its own, so nothing stages the request's event
 * with it (AuditOutbox stages at a transaction's commit); the event then rests
 * on the append after the handler alone, and a process dying in between would
 * leave the change without one. Each such statement is counted under the
 * route's audit action and logged (the action, never the data); every e2e
 * suite fails on any (test/harness/test-app.ts).
 */
@Injectable()
export class UnstagedWriteGuard implements EntitySubscriberInterface {
  private readonly unstaged = new Map<string, number>();
  private readonly logger: JsonLogger;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.logger = new JsonLogger(config.logLevel);
    dataSource.subscribers.push(this);
  }

  beforeQuery(event: BeforeQueryEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const audit = currentWriteAudit();
    if (!audit || !writesData(event.query)) return;
    const action = audit.event().action;
    const count = (this.unstaged.get(action) ?? 0) + 1;
    this.unstaged.set(action, count);
    if (count === 1) this.logger.event('warn', UNSTAGED_WRITE_MESSAGE, { action });
  }

  /** Audit actions whose requests wrote outside a transaction since the last call, with how many statements did. */
  takeUnstagedWrites(): Map<string, number> {
    const taken = new Map(this.unstaged);
    this.unstaged.clear();
    return taken;
  }
}
