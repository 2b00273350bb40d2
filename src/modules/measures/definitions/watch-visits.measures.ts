import { caseOfOffice, MeasureGroup, MeasureUnit, oneRow, officeIs, percent } from '../measure';

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
    { code: 'watch_visits.not_done', label: '訪問不可数（不在・拒否等）', unit: MeasureUnit.Count, definition: '年度内の訪問記録のうち、不在・拒否等で訪問できなかったもの' },
    { code: 'watch_visits.planned', label: '予定訪問数', unit: MeasureUnit.Count, definition: '年度初日から基準日までに訪問予定日が到来した件数（計画×予定日）' },
    { code: 'watch_visits.planned_done', label: '予定どおり実施', unit: MeasureUnit.Count, definition: '予定訪問のうち、その予定日に対する訪問で家庭を訪問できたもの' },
    { code: 'watch_visits.done_rate', label: '見守り訪問実施率', unit: MeasureUnit.Percent, definition: '予定どおり実施 ÷ 予定訪問数 × 100' },
    { code: 'watch_visits.overdue_at_year_end', label: '年度末時点の訪問期限超過', unit: MeasureUnit.Count, definition: '年度末（年度中は本日）時点で予定日を過ぎて未訪問の計画数' },
  ],
  async compute(ctx) {
    const row = await oneRow<{ done: number; not_done: number; dues: number; dues_done: number; open_dues: number; overdue: number }>(
      ctx,
      `WITH visits AS (
         SELECT count(*) FILTER (WHERE w.outcome = 'done')::int AS done, count(*) FILTER (WHERE w.outcome = 'not_done')::int AS not_done
           FROM watch_visits w
          WHERE w.visited_on BETWEEN :firstDay AND :lastDay AND ${caseOfOffice(ctx, 'w.case_id')}
       ),
       dues AS (
         SELECT w.plan_id, w.due_on, bool_or(w.outcome = 'done') AS answered
           FROM watch_visits w
          WHERE w.due_on BETWEEN :firstDay AND :asOf AND w.plan_id IS NOT NULL AND ${caseOfOffice(ctx, 'w.case_id')}
          GROUP BY w.plan_id, w.due_on
       ),
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
       SELECT visits.done, visits.not_done,
              (SELECT count(*)::int FROM dues) AS dues,
              (SELECT count(*) FILTER (WHERE answered)::int FROM dues) AS dues_done,
              open_dues.n AS open_dues, overdue.n AS overdue
         FROM visits, open_dues, overdue`,
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
