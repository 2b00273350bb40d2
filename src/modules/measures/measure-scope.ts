import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { notFound } from '../../common/problem/problem';

export interface MeasureScope {
  kind: 'office' | 'ward';
  officeId: string | null;
  name: string;
}

export const WARD_NAME = '練馬区全体';

/**
 * Whose figures a caller sees. Measures are counts, never case content, so
 * the ward-wide view goes with the role that already sees every office's
 * organisational records: システム管理者 (admin), who may also pick any one
 * office — the same rule as GET /reports/pregnancy-coverage. Supervisors and
 * consultants see their own office only; asking for another office answers
 * 404 like any record outside one's scope. Liaison and auditor have no
 * measures route at all (403 from the role check).
 */
export function isWardWide(actor: Actor): boolean {
  return hasRole(actor, Role.Admin);
}

export async function resolveMeasureScope(manager: EntityManager, actor: Actor, officeId: string | undefined): Promise<MeasureScope> {
  const wardWide = isWardWide(actor);
  if (!wardWide && officeId !== undefined && officeId !== actor.officeId) throw notFound('office');
  const chosen = wardWide ? (officeId ?? null) : actor.officeId;
  if (chosen === null) return { kind: 'ward', officeId: null, name: WARD_NAME };
  const rows: Array<{ name: string }> = await manager.query(`SELECT name FROM offices WHERE id = $1`, [chosen]);
  if (!rows[0]) throw notFound('office');
  return { kind: 'office', officeId: chosen, name: rows[0].name };
}
