import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../../common/logging/json-logger';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MOVE_BATCH, moveFromOutbox } from './audit-outbox-recovery';

/**
 * Turns what a write staged in audit_outbox and its API process never
 * appended (it died between the commit and the append) into the audit event,
 * once the row is older than any append still under way could be
 * (AUDIT_OUTBOX_RECOVER_AFTER_MS, every AUDIT_OUTBOX_SWEEP_EVERY_MS). Several
 * workers may sweep at once: each row is moved by one of them.
 */
@Injectable()
export class AuditOutboxSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private readonly logger: JsonLogger;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.logger = new JsonLogger(config.logLevel, 'worker');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.auditOutboxSweepEveryMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Moves every row staged before `now - AUDIT_OUTBOX_RECOVER_AFTER_MS`; answers how many. */
  async sweep(now = new Date()): Promise<number> {
    const stagedBefore = new Date(now.getTime() - this.config.auditOutboxRecoverAfterMs);
    let total = 0;
    try {
      for (let moved = MOVE_BATCH; moved === MOVE_BATCH; total += moved) moved = await moveFromOutbox(this.dataSource, { stagedBefore });
    } catch (error) {
      this.logger.event('warn', 'could not sweep the audit outbox', { error: String(error) });
    }
    if (total > 0) this.logger.event('warn', 'audit events recovered from the outbox (an API process stopped between a write and its audit append)', { count: total });
    return total;
  }
}
