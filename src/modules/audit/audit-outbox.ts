import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import { depthOf } from '../../database/after-commit';
import { auditEventColumns, STAGED_COLUMNS } from './audit-columns';
import { currentWriteAudit, WriteAudit } from './write-audit';

/**
 * Only a transaction that changed something (PostgreSQL gave it a transaction
 * id) stages the row: a read-only one committing first must not stand for the
 * request's change, which may still fail.
 */
const STAGE_SQL = `INSERT INTO audit_outbox (key, ${STAGED_COLUMNS.join(', ')})
  SELECT $1, ${STAGED_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')} WHERE pg_current_xact_id_if_assigned() IS NOT NULL
  ON CONFLICT (key) DO NOTHING RETURNING key`;

/**
 * Stages a write request's audit row inside the request's transaction, just
 * before it commits (TypeORM broadcasts the commit to its subscribers): a
 * change never commits without a trace in the audit tables, whatever happens
 * to the process afterwards. Only the first transaction of a request that
 * changed something stages it; a savepoint's release is not a commit.
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
    const columns = auditEventColumns(record, new Date());
    const staged: unknown[] = await runner.query(STAGE_SQL, [audit.key, ...STAGED_COLUMNS.map((name) => columns[name])]);
    if (staged.length > 0) this.staging.set(runner, audit);
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
