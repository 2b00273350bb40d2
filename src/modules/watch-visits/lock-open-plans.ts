import { EntityManager } from 'typeorm';
import { WatchVisitPlan, WatchVisitPlanStatus } from './entities/watch-visit-plan.entity';

/** The case's plans not ended (one at most, by the partial unique index), locked for update in the caller's transaction. */
export function lockOpenPlans(manager: EntityManager, caseId: string): Promise<WatchVisitPlan[]> {
  return manager
    .getRepository(WatchVisitPlan)
    .createQueryBuilder('p')
    .setLock('pessimistic_write')
    .where('p.caseId = :caseId AND p.status <> :ended', { caseId, ended: WatchVisitPlanStatus.Ended })
    .getMany();
}
