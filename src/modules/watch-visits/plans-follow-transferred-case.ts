import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseTransferHooks, CaseTransferred } from '../cases/case-hooks';
import { WatchVisitPlanAction } from './entities/watch-visit-plan-event.entity';
import { lockOpenPlans } from './lock-open-plans';
import { PlanDueScheduler } from './plan-due.scheduler';

/**
 * 移管: a plan goes on with its case in the receiving office. The sending
 * office's worker can no longer open the case, so the receiving office's
 * lead worker becomes responsible for the visits (the accepting supervisor
 * when no lead was named, until they assign one), and the due reminder and
 * its escalation move to them and to the new office's supervisors at once.
 */
@Injectable()
export class PlansFollowTransferredCase implements OnModuleInit {
  constructor(
    private readonly transferHooks: CaseTransferHooks,
    private readonly scheduler: PlanDueScheduler,
  ) {}

  onModuleInit(): void {
    this.transferHooks.register('watch_visit_plans.responsible_worker', (manager, transfer) => this.handOver(manager, transfer));
  }

  private async handOver(manager: EntityManager, transfer: CaseTransferred): Promise<void> {
    const plans = await lockOpenPlans(manager, transfer.caseId);
    for (const plan of plans) {
      plan.responsibleWorkerId = transfer.leadWorkerId ?? transfer.actorId;
      const refreshed = await this.scheduler.refresh(manager, plan, transfer.toOfficeId);
      await this.scheduler.recordEvent(manager, refreshed, WatchVisitPlanAction.Updated, transfer.acceptedOn, transfer.actorId, 'ケース移管');
    }
  }
}
