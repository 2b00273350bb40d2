import { caseOfOffice, MeasureGroup, MeasureUnit, oneRow, officeIs, percent } from '../measure';

/**
 * One row of the year's visits (done, not_done: by visit date) and planned
 * dues (dues: distinct (plan, due date) pairs due from April 1 to the as-of
 * day; dues_done: those a visit on that due date saw the family), over the
 * whole ward: the year's visits read through the date indexes.
 */
const WARD_VISIT_COUNTS = `
  SELECT v.done, v.not_done, d.dues, d.dues_done
    FROM (SELECT count(*) FILTER (WHERE w.outcome = 'done')::int AS done, count(*) FILTER (WHERE w.outcome = 'not_done')::int AS not_done
            FROM watch_visits w
           WHERE w.visited_on BETWEEN :firstDay AND :lastDay) v,
         (SELECT count(*)::int AS dues, count(*) FILTER (WHERE g.answered)::int AS dues_done
            FROM (SELECT bool_or(w.outcome = 'done') AS answered
                    FROM watch_visits w
                   WHERE w.due_on BETWEEN :firstDay AND :asOf AND w.plan_id IS NOT NULL
                   GROUP BY w.plan_id, w.due_on) g) d`;

/**
 * The same row for one office: its cases' own visits, each case's (about
 * ten) read from the case index alone, which carries the columns counted
 * (migration 1764900000012). A scan of every visit of the ward joined to the
 * office's cases took twice as long at the 1m scale. A pair is answered when
 * any visit on it was done, so the answered pairs are the distinct pairs of
 * the done visits.
 */
const OFFICE_VISIT_COUNTS = `
  SELECT coalesce(sum(v.done), 0)::int AS done, coalesce(sum(v.not_done), 0)::int AS not_done,
         coalesce(sum(v.dues), 0)::int AS dues, coalesce(sum(v.dues_done), 0)::int AS dues_done
    FROM cases oc
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE w.visited_on BETWEEN :firstDay AND :lastDay AND w.outcome = 'done') AS done,
             count(*) FILTER (WHERE w.visited_on BETWEEN :firstDay AND :lastDay AND w.outcome = 'not_done') AS not_done,
             count(DISTINCT (w.plan_id, w.due_on)) FILTER (WHERE w.due_on BETWEEN :firstDay AND :asOf AND w.plan_id IS NOT NULL) AS dues,
             count(DISTINCT (w.plan_id, w.due_on)) FILTER (WHERE w.due_on BETWEEN :firstDay AND :asOf AND w.plan_id IS NOT NULL AND w.outcome = 'done') AS dues_done
        FROM watch_visits w
       WHERE w.case_id = oc.id
    ) v
   WHERE oc.office_id = :office`;

/**
 * Sheet 1-2 ① 1) 要支援家庭への見守り訪問. Visits and plans count for the
 * office of their case. A "planned visit" is one due date of a plan: each
 * distinct (plan, due date) recorded on a visit with its due date in the year
 * up to the as-of day, plus each active plan whose next due date falls there
 * and has no visit yet. It is "done" when a visit on that due date saw the
 * family (outcome done); a failed attempt sets a new due date, which counts
 * again. "Overdue at year end" is judged on April 1 (today during the year):
 * active plans of open cases still due before that day, plus plans whose
 * first visit after it answered a due date before it (reconstructed from the
 * visit records, so a past year's figure stays stable as visits are made).
 */
export const WATCH_VISIT_MEASURES: MeasureGroup = {
  code: 'watch_visits',
  label: '要支援家庭への見守り訪問',
  sheet: '1-2',
  definitions: [
    { code: 'watch_visits.done', label: '見守り訪問実施数', unit: MeasureUnit.Count, definition: '年度内の訪問記録のうち、家庭を訪問できたもの（訪問日で計上）' },
    { code: 'watch_visits.not_done', label: '訪問不可数（不在・拒否等）', unit: MeasureUnit.Count, definition: '年度内の訪問記録のうち、不在・拒否等で訪問できなかったもの', lowerIsBetter: true },
    { code: 'watch_visits.planned', label: '予定訪問数', unit: MeasureUnit.Count, definition: '年度初日から基準日までに訪問予定日が到来した件数（計画×予定日）' },
    { code: 'watch_visits.planned_done', label: '予定どおり実施', unit: MeasureUnit.Count, definition: '予定訪問のうち、その予定日に対する訪問で家庭を訪問できたもの' },
    { code: 'watch_visits.done_rate', label: '見守り訪問実施率', unit: MeasureUnit.Percent, definition: '予定どおり実施 ÷ 予定訪問数 × 100' },
    { code: 'watch_visits.overdue_at_year_end', label: '年度末時点の訪問期限超過', unit: MeasureUnit.Count, definition: '年度末（年度中は本日）時点で予定日を過ぎて未訪問の計画数', lowerIsBetter: true },
  ],
  async compute(ctx) {
    const row = await oneRow<{ done: number; not_done: number; dues: number; dues_done: number; open_dues: number; overdue: number }>(
      ctx,
      `WITH visit_counts AS (${ctx.officeId === null ? WARD_VISIT_COUNTS : OFFICE_VISIT_COUNTS}),
       open_dues AS (
         SELECT count(*)::int AS n
           FROM watch_visit_plans p
          WHERE p.status = 'active' AND p.next_due_on BETWEEN :firstDay AND :asOf AND ${caseOfOffice(ctx, 'p.case_id')}
            AND NOT EXISTS (SELECT 1 FROM watch_visits w WHERE w.plan_id = p.id AND w.due_on = p.next_due_on)
       ),
       overdue AS (
         SELECT count(*)::int AS n FROM (
           SELECT p.id FROM watch_visit_plans p JOIN cases c ON c.id = p.case_id
            WHERE p.status = 'active' AND c.status <> 'closed' AND p.next_due_on < :judgedOn AND ${officeIs(ctx, 'c.office_id')}
           UNION
           SELECT w.plan_id FROM watch_visits w JOIN cases c ON c.id = w.case_id
            WHERE w.visited_on > w.due_on AND w.visited_on >= :judgedOn AND w.due_on < :judgedOn AND w.plan_id IS NOT NULL
              AND ${officeIs(ctx, 'c.office_id')}
         ) late
       )
       SELECT vc.done, vc.not_done, vc.dues, vc.dues_done, open_dues.n AS open_dues, overdue.n AS overdue
         FROM visit_counts vc, open_dues, overdue`,
    );
    const planned = row.dues + row.open_dues;
    return {
      'watch_visits.done': row.done,
      'watch_visits.not_done': row.not_done,
      'watch_visits.planned': planned,
      'watch_visits.planned_done': row.dues_done,
      'watch_visits.done_rate': percent(row.dues_done, planned),
      'watch_visits.overdue_at_year_end': row.overdue,
    };
  },
};
