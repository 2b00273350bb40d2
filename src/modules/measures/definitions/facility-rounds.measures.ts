import { MeasureGroup, MeasureUnit, oneRow, officeIs } from '../measure';

/**
 * Sheet 1-2 ① 2) 保育園など関係施設への巡回訪問. Rounds recorded as done, in the
 * year of the visit date, for the office that made them (the same rule as
 * GET /facility-rounds/reach).
 */
export const FACILITY_ROUND_MEASURES: MeasureGroup = {
  code: 'facility_rounds',
  label: '保育園など関係施設への巡回訪問',
  sheet: '1-2',
  definitions: [
    { code: 'facility_rounds.done', label: '巡回訪問実施数', unit: MeasureUnit.Count, definition: '年度内に実施記録のある巡回訪問の回数' },
    { code: 'facility_rounds.facilities_reached', label: '訪問施設数', unit: MeasureUnit.Places, definition: '年度内に1回以上巡回訪問した施設の数（重複を除く）' },
  ],
  async compute(ctx) {
    const row = await oneRow<{ rounds: number; facilities: number }>(
      ctx,
      `SELECT count(*)::int AS rounds, count(DISTINCT r.facility_id)::int AS facilities
         FROM facility_rounds r
        WHERE r.status = 'done' AND r.visited_on BETWEEN :firstDay AND :lastDay AND ${officeIs(ctx, 'r.office_id')}`,
    );
    return { 'facility_rounds.done': row.rounds, 'facility_rounds.facilities_reached': row.facilities };
  },
};
