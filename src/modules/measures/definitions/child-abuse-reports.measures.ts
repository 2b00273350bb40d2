import { MeasureGroup, MeasureUnit, oneRow, officeIs, percent } from '../measure';

/**
 * 通告 and the 48-hour rule. A report belongs to the fiscal year of its
 * receipt instant (Japan time: April 1 00:00 JST to March 31 23:59:59.999)
 * and to the office that received it. It is "met" when every child was seen
 * within 48 hours (rule48_result = met); "missed" when seen later, or not yet
 * seen and the 48 hours have run out; "pending" while the clock still runs.
 */
export const CHILD_ABUSE_REPORT_MEASURES: MeasureGroup = {
  code: 'child_abuse_reports',
  label: '児童虐待通告と48時間ルール',
  sheet: '1-2',
  definitions: [
    { code: 'child_abuse_reports.received', label: '通告受理数', unit: MeasureUnit.Count, definition: '年度内（日本時間）に受理した通告の件数' },
    { code: 'child_abuse_reports.rule48_met', label: '48時間以内に安全確認', unit: MeasureUnit.Count, definition: '受理から48時間以内に対象の子ども全員を直接目視したもの' },
    { code: 'child_abuse_reports.rule48_missed', label: '48時間超過', unit: MeasureUnit.Count, definition: '安全確認が48時間を超えたもの、または未確認のまま48時間を経過したもの', lowerIsBetter: true },
    { code: 'child_abuse_reports.rule48_pending', label: '48時間以内（確認待ち）', unit: MeasureUnit.Count, definition: '未確認で、受理から48時間がまだ経過していないもの' },
    { code: 'child_abuse_reports.rule48_met_rate', label: '48時間ルール達成率', unit: MeasureUnit.Percent, definition: '48時間以内に安全確認 ÷（48時間以内に安全確認 ＋ 48時間超過）× 100' },
  ],
  async compute(ctx) {
    const row = await oneRow<{ received: number; met: number; missed: number; pending: number }>(
      ctx,
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE r.rule48_result = 'met')::int AS met,
              count(*) FILTER (WHERE r.rule48_result = 'missed' OR (r.rule48_result IS NULL AND r.safety_due_at <= :now))::int AS missed,
              count(*) FILTER (WHERE r.rule48_result IS NULL AND r.safety_due_at > :now)::int AS pending
         FROM child_abuse_reports r
        WHERE r.received_at >= :start AND r.received_at < :end AND ${officeIs(ctx, 'r.office_id')}`,
    );
    return {
      'child_abuse_reports.received': row.received,
      'child_abuse_reports.rule48_met': row.met,
      'child_abuse_reports.rule48_missed': row.missed,
      'child_abuse_reports.rule48_pending': row.pending,
      'child_abuse_reports.rule48_met_rate': percent(row.met, row.met + row.missed),
    };
  },
};
