import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';

type Task = () => Promise<void>;
interface Pending {
  /** Savepoint depth the task was deferred at; a rollback to a shallower depth drops it. */
  depth: number;
  task: Task;
}

/**
 * Runs work once the caller's transaction has committed — typically putting a
 * job on a queue, which must never announce a row that could still roll back.
 * Without an active transaction the write has already committed, so the task
 * runs at once. Tasks must not throw: TypeORM awaits this subscriber inside
 * `commitTransaction`, and a rejection would make a committed write look failed.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, Pending[]>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  async defer(manager: EntityManager, task: Task): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner || !runner.isTransactionActive) {
      await task();
      return;
    }
    const list = this.pending.get(runner) ?? [];
    list.push({ depth: depthOf(runner), task });
    this.pending.set(runner, list);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    // Releasing a savepoint also broadcasts a commit: its tasks now belong to the enclosing level.
    if (runner.isTransactionActive) {
      const depth = depthOf(runner);
      for (const entry of this.pending.get(runner) ?? []) entry.depth = Math.min(entry.depth, depth);
      return;
    }
    const list = this.pending.get(runner);
    this.pending.delete(runner);
    for (const { task } of list ?? []) await task();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    const list = this.pending.get(runner);
    if (!list) return;
    if (!runner.isTransactionActive) {
      this.pending.delete(runner);
      return;
    }
    const depth = depthOf(runner);
    this.pending.set(runner, list.filter((entry) => entry.depth <= depth));
  }
}

/** TypeORM keeps the savepoint depth protected; it is the only way to tell nested transactions apart. */
export function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
}
