import { MeasureGroup, MeasureUnit, oneRow, officeIs } from '../measure';

/**
 * Sheet 1-1 ②: 産後ケア事業. Applications belong to the year of their
 * application date, sessions to the year of the day used; both to the
 * 保健相談所 of the application.
 */
export const POSTPARTUM_CARE_MEASURES: MeasureGroup = {
  code: 'postpartum_care',
  label: '産後ケア事業',
  sheet: '1-1',
  definitions: [
    { code: 'postpartum_care.applications', label: '産後ケア申請数', unit: MeasureUnit.Count, definition: '年度内に申請された産後ケアの件数（状態を問わない）' },
    { code: 'postpartum_care.approved', label: '産後ケア承認数', unit: MeasureUnit.Count, definition: '年度内の申請のうち、承認済みまたは利用完了のもの' },
    { code: 'postpartum_care.sessions', label: '産後ケア利用回数', unit: MeasureUnit.Count, definition: '年度内の利用日の記録数（宿泊・日帰り・訪問の合計）' },
    { code: 'postpartum_care.sites', label: '産後ケア実施場所数', unit: MeasureUnit.Places, definition: '年度内に利用のあった実施場所（申請の実施機関名）の数' },
  ],
  async compute(ctx) {
    const row = await oneRow<{ applications: number; approved: number; sessions: number; sites: number }>(
      ctx,
      `SELECT count(*)::int AS applications,
              count(*) FILTER (WHERE a.status IN ('approved', 'completed'))::int AS approved,
              (SELECT count(*)::int FROM postpartum_care_sessions s JOIN postpartum_care_applications sa ON sa.id = s.application_id
                WHERE s.used_on BETWEEN :firstDay AND :lastDay AND ${officeIs(ctx, 'sa.office_id')}) AS sessions,
              (SELECT count(DISTINCT sa.provider_name)::int FROM postpartum_care_sessions s JOIN postpartum_care_applications sa ON sa.id = s.application_id
                WHERE s.used_on BETWEEN :firstDay AND :lastDay AND sa.provider_name IS NOT NULL AND ${officeIs(ctx, 'sa.office_id')}) AS sites
         FROM postpartum_care_applications a
        WHERE a.applied_on BETWEEN :firstDay AND :lastDay AND ${officeIs(ctx, 'a.office_id')}`,
    );
    return {
      'postpartum_care.applications': row.applications,
      'postpartum_care.approved': row.approved,
      'postpartum_care.sessions': row.sessions,
      'postpartum_care.sites': row.sites,
    };
  },
};
