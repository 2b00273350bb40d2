import { AccessService } from '../../src/common/access/access.service';
import { japanDateOf, todayInJapan } from '../../src/common/time/japan-time';
import { overdueListSql } from '../../src/modules/watch-visits/watch-visit-overdue.service';
import { BareContext, namedRowsOn } from './context';

const access = new AccessService();

/** GET /api/v1/watch-visits/overdue: the statements of WatchVisitOverdueService.list (`overdueListSql`; first page, today). */
export function registerVisits({ app, pool, actorOf }: BareContext): void {
  app.get('/api/v1/watch-visits/overdue', async (request) => {
    const actor = actorOf(request);
    const limit = Number((request.query as { limit?: string }).limit ?? 50);
    const sql = overdueListSql(access, actor, todayInJapan(), {});
    const [{ total }] = await namedRowsOn<{ total: number }>(pool, sql.count, sql.params);
    const items = await namedRowsOn<{ id: string }>(pool, sql.page(false), { ...sql.params, limit: limit + 1 });
    return { items: items.slice(0, limit), total };
  });

  /** The bare insert: the visit and its child rows in one transaction, no checks, no plan, no reminder, no audit. */
  app.post('/bare/watch-visits', async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body as { caseId: string; visitedAt: string; visitorIds: string[]; outcome: string; riskChange?: string; homeEnvironment?: string; guardianState?: string; children?: Array<{ personId: string; seen: boolean; condition?: string }> };
    const visitedAt = new Date(body.visitedAt);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const {
        rows: [visit],
      } = await client.query<{ id: string }>(
        `INSERT INTO watch_visits (case_id, visited_at, visited_on, visitor_ids, outcome, risk_change, home_environment, guardian_state, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [body.caseId, visitedAt, japanDateOf(visitedAt), body.visitorIds, body.outcome, body.riskChange ?? null, body.homeEnvironment ?? null, body.guardianState ?? null, actor.userId],
      );
      const children = body.children ?? [];
      if (children.length > 0) {
        await client.query(
          `INSERT INTO watch_visit_children (visit_id, person_id, seen, condition) SELECT $1, * FROM unnest($2::uuid[], $3::boolean[], $4::child_condition[])`,
          [visit.id, children.map((c) => c.personId), children.map((c) => c.seen), children.map((c) => c.condition ?? null)],
        );
      }
      await client.query('COMMIT');
      return reply.status(201).send({ id: visit.id });
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });
}
