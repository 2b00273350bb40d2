import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import { depthOf } from '../../database/after-commit';
import { STAGED_COLUMNS } from './audit-outbox-recovery';
import { AuditRecord, storable } from './audit.service';
import { currentWriteAudit, WriteAudit } from './write-audit';


/**
 * Stages a write request's audit row inside the request's transaction, just
 * before it commits (TypeORM broadcasts the commit to its subscribers): a
 * change never commits without a trace in the audit tables, whatever happens
 * to the process afterwards. Only the first transaction of a request to
 * commit stages it; a savepoint's release is not a commit.
 */
@Injectable()
export class AuditOutbox implements EntitySubscriberInterface {
  /** The write audit whose row the runner's transaction holds, until it commits or rolls back. */
  private readonly staging = new WeakMap<QueryRunner, WriteAudit>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const audit = currentWriteAudit();
    const runner = event.queryRunner;
    if (!audit || audit.staged || depthOf(runner) !== 1) return;
    const record = audit.event();
    record.resourceId ??= audit.createdId ?? null;
    const at = new Date();
    await runner.query(
      `INSERT INTO audit_outbox (key, ${STAGED_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (key) DO NOTHING`,
      [audit.key, at, ...stagedValues(record)].map(storable),
    );
    this.staging.set(runner, audit);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    const audit = this.staging.get(runner);
    if (!audit || runner.isTransactionActive) return;
    this.staging.delete(runner);
    audit.staged = true;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.staging.delete(event.queryRunner);
  }
}

function stagedValues(record: AuditRecord): unknown[] {
  return [
    record.actor?.userId ?? null,
    record.actor?.loginId ?? record.attemptedLoginId ?? null,
    record.actor?.roles ?? [],
    record.actor?.officeId ?? null,
    record.action,
    record.resourceType ?? null,
    record.resourceId ?? null,
    record.reason ?? null,
    record.details ? JSON.stringify(storable(record.details)) : null,
    record.meta?.requestId ?? null,
    record.meta?.clientIp ?? null,
  ];
}
