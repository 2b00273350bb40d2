import { AccessService } from '../../src/common/access/access.service';
import { cappedTotal } from '../../src/common/pagination/capped-total';
import { instantKeySql } from '../../src/common/pagination/instant-key';
import { caseTimelineSql, TIMELINE_COUNT_CAP, timelinePageSql } from '../../src/modules/cases/case-timeline.service';
import { CASE_DETAIL_SQL } from '../../src/modules/cases/case-view';
import { BareContext, managerOver, namedRowsOn, rows } from './context';

const access = new AccessService();

/**
 * GET /api/v1/cases/:id and GET /api/v1/cases/:id/timeline: the access check
 * and the statements of loadCaseView (CASE_DETAIL_SQL) and of
 * CaseTimelineService.timeline (caseTimelineSql), first page.
 */
export function registerCases({ app, pool, actorOf }: BareContext): void {
  const manager = managerOver(pool);

  app.get('/api/v1/cases/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const facts = await access.caseAccess(manager, actorOf(request), id);
    if (facts.level === 'none' || facts.level === 'break_glass_required') return reply.status(404).send({ status: 404 });
    const [{ co_workers: coWorkers, members, shared_with: sharedWith, ...row }] = await rows<{ co_workers: unknown[]; members: Array<{ personId: string }>; shared_with: unknown[] }>(
      pool,
      CASE_DETAIL_SQL,
      [id],
    );
    // transferQuery's statement, which the service builds with the query builder (not available over a bare pool).
    const [pendingTransfer] = await rows(
      pool,
      `SELECT t.id AS id, t.case_id AS case_id, t.from_office_id AS from_office_id, fo.name AS from_office_name, t.to_office_id AS to_office_id, tof.name AS to_office_name,
              t.status AS status, t.reason AS reason, t.previous_case_number AS previous_case_number, t.new_case_number AS new_case_number,
              c.label AS case_label, c.support_level AS support_level, c.restricted AS restricted,
              (SELECT count(*) FROM case_members m WHERE m.case_id = c.id) AS member_count, ${instantKeySql('t.requested_at')} AS sort_key,
              t.requested_by AS requested_by, t.requested_at AS requested_at, t.decided_by AS decided_by, t.decided_at AS decided_at,
              t.decision_comment AS decision_comment, t.version AS version
         FROM case_transfers t INNER JOIN cases c ON c.id = t.case_id INNER JOIN offices fo ON fo.id = t.from_office_id INNER JOIN offices tof ON tof.id = t.to_office_id
        WHERE t.case_id = $1 AND t.status = $2`,
      [id, 'requested'],
    );
    return { ...row, coWorkers, members, sharedWith, pendingTransfer: pendingTransfer ?? null };
  });

  app.get('/api/v1/cases/:id/timeline', async (request, reply) => {
    const { id } = request.params as { id: string };
    const limit = Number((request.query as { limit?: string }).limit ?? 50);
    const facts = await access.caseAccess(manager, actorOf(request), id);
    if (facts.level === 'none' || facts.level === 'break_glass_required') return reply.status(404).send({ status: 404 });
    const sql = caseTimelineSql({ after: false });
    const named = { ...sql.params, caseId: id, take: limit + 1 };
    const [{ n }] = await namedRowsOn<{ n: number }>(pool, sql.count, named);
    const items = await namedRowsOn<{ id: string }>(pool, timelinePageSql(sql, Number(n), named.take), named);
    return { items: items.slice(0, limit), ...cappedTotal(Number(n), TIMELINE_COUNT_CAP) };
  });
}
