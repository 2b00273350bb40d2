import { Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditOutbox } from './audit-outbox';
import { UnstagedWriteGuard } from './unstaged-write-guard';

/**
 * API side of the audit log: the auditors' read of it, and the two
 * subscribers that follow write requests' transactions (staging each
 * request's event, and catching writes outside a transaction). The worker
 * serves no requests, so only the API entry imports this.
 */
@Module({
  controllers: [AuditEventsController],
  providers: [AuditOutbox, UnstagedWriteGuard],
})
export class AuditApiModule {}
