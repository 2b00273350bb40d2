import { rotate, Scenario } from './scenario';

/** 訪問遅延一覧: a supervisor's overdue watch visits of the office (count and first page). */
export const overdueVisits: Scenario = {
  name: 'overdue-visits',
  title: 'Overdue watch visits of an office',
  kind: 'read',
  actor: 'supervisor',
  async prepare() {
    return {
      api: [{ method: 'GET', path: () => '/api/v1/watch-visits/overdue?limit=50' }],
      fingerprint: (body) => {
        const page = body as { items: Array<{ id: string }>; total: number };
        return { total: page.total, ids: page.items.map((i) => i.id) };
      },
    };
  },
};

/**
 * 見守り訪問の記録: a consultant logs a visit to one of their families (every
 * child seen), which locks the plan, re-derives its due date, moves its
 * reminder and writes the audit events. The bare handler inserts the same
 * visit and child rows in a transaction, and nothing else. It writes to the
 * consultant's last 500 families by id and the detail scenario reads the
 * first 500 (at the 1m scale the bench's consultant leads 1,500 open
 * cases): the visits one run adds do not lengthen the timelines that a
 * later run on the same database reads.
 */
export const logVisit: Scenario = {
  name: 'log-visit',
  title: 'Log a watch visit (write + audit + reminder reschedule)',
  kind: 'write',
  actor: 'consultant',
  async prepare({ db, actors }) {
    const { rows } = await db.query<{ case_id: string; children: string[] }>(
      `SELECT c.id AS case_id, array_agg(m.person_id ORDER BY p.birth_date, p.id) AS children
         FROM cases c JOIN watch_visit_plans wp ON wp.case_id = c.id AND wp.status = 'active'
         JOIN case_members m ON m.case_id = c.id JOIN persons p ON p.id = m.person_id AND p.kind = 'child'
        WHERE c.lead_worker_id = $1 AND c.status <> 'closed' AND NOT c.restricted
        GROUP BY c.id ORDER BY c.id DESC LIMIT 500`,
      [actors.consultant.userId],
    );
    const next = rotate(rows);
    const body = () => {
      const family = next();
      return JSON.stringify({
        caseId: family.case_id,
        visitedAt: new Date().toISOString(),
        visitorIds: [actors.consultant.userId],
        outcome: 'done',
        riskChange: 'same',
        children: family.children.map((personId) => ({ personId, seen: true, condition: 'good' })),
        homeEnvironment: '室内は整頓されている',
        guardianState: '落ち着いて対応',
      });
    };
    return {
      api: [{ method: 'POST', path: () => '/api/v1/watch-visits', body }],
      bare: [{ method: 'POST', path: () => '/bare/watch-visits', body }],
    };
  },
};
