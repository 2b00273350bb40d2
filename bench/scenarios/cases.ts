import { rotate, Scenario } from './scenario';

/** 検索: a consultant looks a family up by the start of its kana reading, in their scope. */
export const personSearch: Scenario = {
  name: 'person-search',
  title: 'Scoped person search by kana prefix',
  kind: 'read',
  actor: 'consultant',
  async prepare({ db, actors }) {
    // The family readings of the consultant's office (the generator gives each office a share of the names).
    const { rows } = await db.query<{ family: string }>(
      `SELECT DISTINCT split_part(name_kana, ' ', 1) AS family FROM persons WHERE office_id = $1 ORDER BY 1`,
      [actors.consultant.officeId],
    );
    const prefix = rotate(rows.map((r) => r.family));
    return {
      api: [{ method: 'GET', path: () => `/api/v1/persons?name=${encodeURIComponent(prefix())}&match=prefix&limit=20` }],
      fingerprint: (body) => {
        const page = body as { items: Array<{ id: string; cases: Array<{ id: string }> }>; total: number };
        return { total: page.total, ids: page.items.map((i) => i.id), cases: page.items.map((i) => i.cases.map((c) => c.id)) };
      },
    };
  },
};

/** Opening a case: its detail, then its timeline (first page), for the consultant's own families in turn. */
export const caseDetail: Scenario = {
  name: 'case-detail',
  title: 'Case detail with its timeline',
  kind: 'read',
  actor: 'consultant',
  async prepare({ db, actors }) {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM cases WHERE lead_worker_id = $1 AND status <> 'closed' AND NOT restricted ORDER BY id LIMIT 500`,
      [actors.consultant.userId],
    );
    const next = rotate(rows.map((r) => r.id));
    let current = '';
    return {
      // Each connection alternates: the detail of the next case, then the timeline of the case opened last.
      api: [
        { method: 'GET', path: () => `/api/v1/cases/${(current = next())}` },
        { method: 'GET', path: () => `/api/v1/cases/${current}/timeline` },
      ],
      fingerprint: (body) => {
        const c = body as { id: string; members: Array<{ personId: string }> };
        return { id: c.id, members: c.members.map((m) => m.personId) };
      },
    };
  },
};
