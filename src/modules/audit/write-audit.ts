import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditRecord } from './audit.service';

/**
 * The audit of one write request while its handler runs: the request's row
 * in `audit_outbox`, staged by the first of its transactions to commit a
 * change.
 */
export class WriteAudit {
  /** The request's row in audit_outbox. */
  readonly key = randomUUID();
  /** Whether a transaction of the request has committed with the row in it. */
  staged = false;
  /** The id of the record the request created, once its service has noted it (see noteCreatedRecord). */
  createdId: string | undefined;

  /** @param event the event as known when a transaction commits (before the handler's result). */
  constructor(readonly event: () => AuditRecord) {}
}

const storage = new AsyncLocalStorage<WriteAudit>();

/** Runs `work` (a write request's handler) with `audit` as the current write audit. */
export function runWithWriteAudit<T>(audit: WriteAudit, work: () => T): T {
  return storage.run(audit, work);
}

/** The write audit of the request whose code is running, if it is a write. */
export function currentWriteAudit(): WriteAudit | undefined {
  return storage.getStore();
}

/** Runs `work` outside any write audit: for work a request starts that outlives it (a batch it begins draining). */
export function outsideWriteAudit<T>(work: () => T): T {
  return storage.exit(work);
}

/**
 * For a service creating a record, inside its transaction: the staged audit
 * row then names the record (its id is otherwise known to the audit only from
 * the response, after the commit). Outside a write request it does nothing.
 */
export function noteCreatedRecord(id: string): void {
  const audit = storage.getStore();
  if (audit) audit.createdId = id;
}

/**
 * A transaction creating one record, answering its id: the request's staged
 * audit row names that record.
 */
export function createInTransaction(dataSource: DataSource, work: (manager: EntityManager) => Promise<string>): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const id = await work(manager);
    noteCreatedRecord(id);
    return id;
  });
}
