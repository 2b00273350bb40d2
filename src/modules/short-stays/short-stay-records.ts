import { EntityManager } from 'typeorm';
import { AccessService, CaseAccessFacts, CaseAccessMode } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { notFound } from '../../common/problem/problem';
import { sqlRows } from '../../database/sql';
import { SHORT_STAY_VIEW_SELECT, ShortStayEventView, ShortStayRow, ShortStayView, toShortStayView } from './dto/short-stay.view';
import { ShortStay } from './entities/short-stay.entity';
import { SHORT_STAY_ACTION_LABELS, ShortStayAction, ShortStayStatus } from './short-stay.enums';

/**
 * Loading, scoping and recording stays: shared by the request and the
 * decision services so both answer "not found" and write history the same way
 * (a case out of scope makes the stay itself "not found").
 */

/** Loads a stay FOR UPDATE (the first lock of every action) and checks the caller's access to its case. */
export async function loadStayForAction(
  access: AccessService,
  manager: EntityManager,
  actor: Actor,
  id: string,
  mode: CaseAccessMode = 'write',
): Promise<{ stay: ShortStay; caseFacts: CaseAccessFacts }> {
  const stay = await manager.getRepository(ShortStay).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!stay) throw notFound('short stay');
  const caseFacts = await access.assertCaseAccess(manager, actor, stay.caseId, mode, { notFoundAs: 'short stay' });
  return { stay, caseFacts };
}

/**
 * For an action that books nights (approval, extension): the stay's case is
 * locked FOR SHARE before the stay, in the order a transfer locks them (the
 * case, then its stays). A closure, a transfer or a change of the case's
 * workers under way is waited for; the access check then runs as a statement
 * of its own, so it sees the case and its assignments as that change left
 * them (a statement that waited for a lock would still read the rest as it
 * was before): a case closed at that very moment gets no nights booked.
 */
export async function loadStayForBooking(access: AccessService, manager: EntityManager, actor: Actor, id: string): Promise<{ stay: ShortStay; caseFacts: CaseAccessFacts }> {
  const [found] = await sqlRows<{ case_id: string }>(manager, `SELECT case_id FROM short_stays WHERE id = $1`, [id]);
  if (!found) throw notFound('short stay');
  await manager.query(`SELECT 1 FROM cases WHERE id = $1 FOR SHARE`, [found.case_id]);
  const caseFacts = await access.assertCaseAccess(manager, actor, found.case_id, 'write', { notFoundAs: 'short stay' });
  // A stay never changes case: the one read above is the locked stay's.
  const stay = await manager.getRepository(ShortStay).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!stay) throw notFound('short stay');
  return { stay, caseFacts };
}

export async function recordEvent(
  manager: EntityManager,
  stayId: string,
  action: ShortStayAction,
  from: ShortStayStatus | null,
  to: ShortStayStatus,
  actorId: string,
  reason: string | null = null,
  details: Record<string, unknown> | null = null,
): Promise<void> {
  await manager.query(
    `INSERT INTO short_stay_events (short_stay_id, action, from_status, to_status, actor_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [stayId, action, from, to, actorId, reason, details ? JSON.stringify(details) : null],
  );
}

/** The full view of one stay with its history (access already checked). */
export async function stayView(manager: EntityManager, id: string, actor: Actor): Promise<ShortStayView> {
  const rows = await sqlRows<ShortStayRow>(manager, `${SHORT_STAY_VIEW_SELECT} WHERE s.id = $1`, [id]);
  if (!rows[0]) throw notFound('short stay');
  const events = await sqlRows<{
    action: ShortStayAction;
    from_status: ShortStayStatus | null;
    to_status: ShortStayStatus;
    actor_id: string;
    actor_name: string;
    reason: string | null;
    details: Record<string, unknown> | null;
    occurred_at: Date;
  }>(
    manager,
    `SELECT e.action, e.from_status, e.to_status, e.actor_id, u.display_name AS actor_name, e.reason, e.details, e.occurred_at
       FROM short_stay_events e JOIN users u ON u.id = e.actor_id WHERE e.short_stay_id = $1 ORDER BY e.id`,
    [id],
  );
  return {
    ...toShortStayView(rows[0], actor),
    events: events.map(
      (e): ShortStayEventView => ({
        action: e.action,
        actionLabel: SHORT_STAY_ACTION_LABELS[e.action],
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorId: e.actor_id,
        actorName: e.actor_name,
        reason: e.reason,
        details: e.details,
        occurredAt: e.occurred_at,
      }),
    ),
  };
}
