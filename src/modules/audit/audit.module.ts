import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditOutbox } from './audit-outbox';
import { AuditService } from './audit.service';
import { UnstagedWriteGuard } from './unstaged-write-guard';

@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [AuditService, AuditOutbox, UnstagedWriteGuard],
  exports: [AuditService],
})
export class AuditModule {}
