import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRows } from '../../database/sql';
import { WatchVisitPlan } from './entities/watch-visit-plan.entity';
import { WatchVisitPlanAction, WatchVisitPlanEvent } from './entities/watch-visit-plan-event.entity';
import { deriveNextDue } from './next-due';
import { WatchVisitReminders } from './watch-visit-reminders';

/** What a plan's due date is derived from: its last visit done, and a revisit date set by a visit not done after it. */
export interface PlanVisitFacts {
  last_done_on: string | null;
  last_done_next_visit_on: string | null;
  revisit_on: string | null;
}

/**
 * The SQL answering `PlanVisitFacts` (one row) for the plan whose id is the
 * SQL `planId` (a parameter), counting also the rows of `pending` when given:
 * a relation with columns visited_at, id, visited_on, outcome and
 * next_visit_on holding a visit the same statement inserts (which it cannot
 * see in the table). Each look-up reads the plan's visits newest first from
 * watch_visits_plan_recent_idx and stops at the first match: a family visited
 * every week for years has hundreds of visits, and reading them all on every
 * visit recorded would grow with the plan's age.
 */
export function planVisitFactsSql(planId: string, pending?: string): string {
  const latest = (columns: string, condition: string) => {
    const parts = [`(SELECT ${columns} FROM watch_visits AS v WHERE v.plan_id = ${planId} AND ${condition} ORDER BY v.visited_at DESC, v.id DESC LIMIT 1)`];
    if (pending) parts.push(`(SELECT ${columns} FROM ${pending} AS v WHERE ${condition})`);
    return `SELECT * FROM (${parts.join(' UNION ALL ')}) AS candidates ORDER BY visited_at DESC, id DESC LIMIT 1`;
  };
  const revisit = latest('v.visited_at, v.id, v.next_visit_on', "v.outcome = 'not_done' AND v.next_visit_on IS NOT NULL AND v.visited_at > coalesce(d.visited_at, '-infinity')");
  return `
    SELECT d.visited_on AS last_done_on, d.next_visit_on AS last_done_next_visit_on,
           (SELECT r.next_visit_on FROM (${revisit}) AS r) AS revisit_on
      FROM (SELECT) AS one
      LEFT JOIN (${latest('v.visited_at, v.id, v.visited_on, v.next_visit_on', "v.outcome = 'done'")}) AS d ON true`;
}

/**
 * Keeps a plan's derived facts (last visit done, next due date) and its due
 * reminder in step with its visits and state. Callers hold the plan row locked
 * inside their transaction.
 */
@Injectable()
export class PlanDueScheduler {
  constructor(private readonly reminders: WatchVisitReminders) {}

  /**
   * Re-derives the plan's last visit and next due date from its visits, saves
   * the plan (with whatever the caller changed on it) and moves its reminder.
   */
  async refresh(manager: EntityManager, plan: WatchVisitPlan, officeId: string): Promise<WatchVisitPlan> {
    const [visits] = await sqlRows<PlanVisitFacts>(
      manager,
      planVisitFactsSql('$1::uuid'),
      [plan.id],
    );
    return this.apply(manager, plan, officeId, visits);
  }

  /** As `refresh`, with the plan's visit facts already read (by the statement that recorded a visit). */
  async apply(manager: EntityManager, plan: WatchVisitPlan, officeId: string, visits: PlanVisitFacts): Promise<WatchVisitPlan> {
    plan.lastVisitOn = visits.last_done_on;
    plan.nextDueOn = deriveNextDue({
      status: plan.status,
      frequency: plan.frequency,
      intervalDays: plan.intervalDays,
      startOn: plan.startOn,
      lastDone: visits.last_done_on ? { visitedOn: visits.last_done_on, nextVisitOn: visits.last_done_next_visit_on } : null,
      revisitOn: visits.revisit_on,
      resumedOn: plan.resumedOn,
    });
    await this.save(manager, plan);
    await this.remind(manager, plan, officeId);
    return plan;
  }

  /**
   * Writes the plan's changeable columns in one UPDATE, which bumps the
   * version only when one of them differs from the row. (The ORM's save would
   * first read the row back to find what changed: a statement more on every
   * visit recorded.)
   */
  private async save(manager: EntityManager, plan: WatchVisitPlan): Promise<void> {
    const [saved] = await sqlRows<{ version: number; updated_at: Date }>(
      manager,
      `UPDATE watch_visit_plans AS p
          SET (frequency, interval_days, start_on, responsible_worker_id, purpose, status, next_due_on, last_visit_on,
               resumed_on, paused_on, pause_reason, ended_on, end_reason, version, updated_at)
            = (n.frequency, n.interval_days, n.start_on, n.responsible_worker_id, n.purpose, n.status, n.next_due_on, n.last_visit_on,
               n.resumed_on, n.paused_on, n.pause_reason, n.ended_on, n.end_reason, p.version + 1, now())
         FROM (SELECT $2::watch_visit_frequency AS frequency, $3::int AS interval_days, $4::date AS start_on, $5::uuid AS responsible_worker_id,
                      $6::text AS purpose, $7::watch_visit_plan_status AS status, $8::date AS next_due_on, $9::date AS last_visit_on,
                      $10::date AS resumed_on, $11::date AS paused_on, $12::text AS pause_reason, $13::date AS ended_on, $14::text AS end_reason) AS n
        WHERE p.id = $1
          AND (p.frequency, p.interval_days, p.start_on, p.responsible_worker_id, p.purpose, p.status, p.next_due_on, p.last_visit_on,
               p.resumed_on, p.paused_on, p.pause_reason, p.ended_on, p.end_reason)
              IS DISTINCT FROM
              (n.frequency, n.interval_days, n.start_on, n.responsible_worker_id, n.purpose, n.status, n.next_due_on, n.last_visit_on,
               n.resumed_on, n.paused_on, n.pause_reason, n.ended_on, n.end_reason)
       RETURNING p.version, p.updated_at`,
      [
        plan.id,
        plan.frequency,
        plan.intervalDays,
        plan.startOn,
        plan.responsibleWorkerId,
        plan.purpose,
        plan.status,
        plan.nextDueOn,
        plan.lastVisitOn,
        plan.resumedOn,
        plan.pausedOn,
        plan.pauseReason,
        plan.endedOn,
        plan.endReason,
      ],
    );
    if (saved) Object.assign(plan, { version: saved.version, updatedAt: saved.updated_at });
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
