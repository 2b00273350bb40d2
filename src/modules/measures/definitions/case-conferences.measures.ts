import { MeasureGroup, MeasureUnit, oneRow, officeIs } from '../measure';

/**
 * Sheet 1-2 ④ 都児童相談センター職員の区会議への参画: joint case conferences
 * held by the office in the year (date held); "with centre staff" when an
 * attendee's organisation is the 児童相談センター (case_conference_measure_facts).
 */
export const CASE_CONFERENCE_MEASURES: MeasureGroup = {
  code: 'case_conferences',
  label: '児童相談センターとの合同会議',
  sheet: '1-2',
  definitions: [
    { code: 'case_conferences.held', label: 'ケース会議開催数', unit: MeasureUnit.Count, definition: '年度内に開催したケース検討会議・進行管理会議・緊急受理会議の回数' },
    { code: 'case_conferences.centre_attended', label: '児童相談センター職員参画の会議数', unit: MeasureUnit.Count, definition: '開催した会議のうち、児童相談センターの職員が出席したもの' },
    { code: 'case_conferences.cases_discussed', label: '検討ケース数（延べ）', unit: MeasureUnit.Count, definition: '開催した会議で検討したケースの延べ数' },
  ],
  async compute(ctx) {
    const row = await oneRow<{ held: number; centre: number; cases: number }>(
      ctx,
      `SELECT count(*)::int AS held, count(*) FILTER (WHERE f.centre_attended)::int AS centre, coalesce(sum(f.cases_discussed), 0)::int AS cases
         FROM case_conference_measure_facts f
        WHERE f.held_on BETWEEN :firstDay AND :lastDay AND ${officeIs(ctx, 'f.office_id')}`,
    );
    return { 'case_conferences.held': row.held, 'case_conferences.centre_attended': row.centre, 'case_conferences.cases_discussed': row.cases };
  },
};
