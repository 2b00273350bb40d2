import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseClosed, CaseClosureHooks } from '../cases/case-hooks';
import { WatchVisitPlanAction } from './entities/watch-visit-plan-event.entity';
import { lockOpenPlans } from './lock-open-plans';
import { PlanDueScheduler } from './plan-due.scheduler';
import { endPlan } from './plan-state';

/**
 * A closed case is no longer visited: its active or paused plan ends on the
 * closing date with the closing reason, its due reminder is cancelled, and
 * the plan's history says so (the same event a consultant's "end" records).
 * Without this a closed family would stay on the overdue list and keep
 * reminding its worker.
 */
@Injectable()
export class PlansEndWithCase implements OnModuleInit {
  constructor(
    private readonly closureHooks: CaseClosureHooks,
    private readonly scheduler: PlanDueScheduler,
  ) {}

  onModuleInit(): void {
    this.closureHooks.register('watch_visit_plans.end', (manager, closed) => this.endPlans(manager, closed));
  }

  private async endPlans(manager: EntityManager, closed: CaseClosed): Promise<void> {
    const plans = await lockOpenPlans(manager, closed.caseId);
    const reason = `ケース終結：${closed.reason}`;
    for (const plan of plans) {
      endPlan(plan, closed.closedOn, reason);
      const refreshed = await this.scheduler.refresh(manager, plan, closed.officeId);
      await this.scheduler.recordEvent(manager, refreshed, WatchVisitPlanAction.Ended, closed.closedOn, closed.actorId, reason);
    }
  }
}
