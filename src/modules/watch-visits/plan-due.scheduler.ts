import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRows } from '../../database/sql';
import { WatchVisitPlan } from './entities/watch-visit-plan.entity';
import { WatchVisitPlanAction, WatchVisitPlanEvent } from './entities/watch-visit-plan-event.entity';
import { deriveNextDue } from './next-due';
import { WatchVisitReminders } from './watch-visit-reminders';

/**
 * Keeps a plan's derived facts (last visit done, next due date) and its due
 * reminder in step with its visits and state. Callers hold the plan row locked
 * inside their transaction.
 */
@Injectable()
export class PlanDueScheduler {
  constructor(private readonly reminders: WatchVisitReminders) {}

  /** Re-derives the plan's last visit and next due date from its visits, saves the plan and moves its reminder. */
  async refresh(manager: EntityManager, plan: WatchVisitPlan, officeId: string): Promise<WatchVisitPlan> {
    const [lastDone] = await sqlRows<{ visited_on: string; visited_at: Date; next_visit_on: string | null }>(
      manager,
      `SELECT visited_on, visited_at, next_visit_on FROM watch_visits
        WHERE plan_id = $1 AND outcome = 'done' ORDER BY visited_at DESC, id DESC LIMIT 1`,
      [plan.id],
    );
    const [revisit] = await sqlRows<{ next_visit_on: string }>(
      manager,
      `SELECT next_visit_on FROM watch_visits
        WHERE plan_id = $1 AND outcome = 'not_done' AND next_visit_on IS NOT NULL AND ($2::timestamptz IS NULL OR visited_at > $2)
        ORDER BY visited_at DESC, id DESC LIMIT 1`,
      [plan.id, lastDone?.visited_at ?? null],
    );
    plan.lastVisitOn = lastDone?.visited_on ?? null;
    plan.nextDueOn = deriveNextDue({
      status: plan.status,
      frequency: plan.frequency,
      intervalDays: plan.intervalDays,
      startOn: plan.startOn,
      lastDone: lastDone ? { visitedOn: lastDone.visited_on, nextVisitOn: lastDone.next_visit_on } : null,
      revisitOn: revisit?.next_visit_on ?? null,
      resumedOn: plan.resumedOn,
    });
    const saved = await manager.save(plan);
    await this.remind(manager, saved, officeId);
    return saved;
  }

  /** Puts the due reminder where the plan (as saved) says. */
  async remind(manager: EntityManager, plan: WatchVisitPlan, officeId: string): Promise<void> {
    await this.reminders.planChanged(manager, plan, officeId);
  }

  async recordEvent(
    manager: EntityManager,
    plan: WatchVisitPlan,
    action: WatchVisitPlanAction,
    effectiveOn: string,
    actorId: string,
    reason: string | null = null,
  ): Promise<void> {
    await manager.getRepository(WatchVisitPlanEvent).insert({ planId: plan.id, action, reason, effectiveOn, nextDueOn: plan.nextDueOn, actorId, at: new Date() });
  }
}
