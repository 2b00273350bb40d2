import { Module } from '@nestjs/common';
import { AuditOutboxSweeper } from './audit-outbox-sweeper';

/** Worker side of the audit log: recovering what API processes staged and never appended. Only the worker entry imports this. */
@Module({
  providers: [AuditOutboxSweeper],
})
export class AuditWorkerModule {}
