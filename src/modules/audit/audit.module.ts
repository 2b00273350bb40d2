import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit log's appends, for every process (API and worker); each adds its own side (AuditApiModule, AuditWorkerModule). */
@Global()
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
