import { MeasureGroup, MeasureUnit, oneDecimal, oneRow, officeIs, percent } from '../measure';

/**
 * Sheet 1-1 ①: 妊娠・子育て相談員による全ての妊婦との面談. A 妊娠届 belongs to
 * the fiscal year of its filing date and to the 保健相談所 that received it;
 * it counts as interviewed when it has a first interview, whenever that took
 * place (the same rule as GET /reports/pregnancy-coverage).
 */
export const PREGNANCY_MEASURES: MeasureGroup = {
  code: 'pregnancy',
  label: '妊娠・出産から子育て期までの切れ目のない支援',
  sheet: '1-1',
  definitions: [
    { code: 'pregnancy.notifications', label: '妊娠届出数', unit: MeasureUnit.Count, definition: '年度内に受理した妊娠届の件数（受理した保健相談所に計上）' },
    { code: 'pregnancy.interviewed', label: '妊婦面談実施数', unit: MeasureUnit.Count, definition: '年度内の妊娠届のうち、妊婦面談を1回以上実施したもの（面談日は問わない）' },
    { code: 'pregnancy.not_interviewed', label: '未面談数', unit: MeasureUnit.Count, definition: '年度内の妊娠届のうち、まだ面談していないもの（連絡不通を含む）', lowerIsBetter: true },
    { code: 'pregnancy.interview_coverage', label: '妊婦面談率', unit: MeasureUnit.Percent, definition: '妊婦面談実施数 ÷ 妊娠届出数 × 100（小数第1位）' },
    { code: 'pregnancy.median_days_to_interview', label: '届出から面談までの日数（中央値）', unit: MeasureUnit.Days, definition: '面談済みの届について、届出日から初回面談日までの日数の中央値', lowerIsBetter: true },
    { code: 'pregnancy.specified_registered', label: '特定妊婦 登録数', unit: MeasureUnit.Persons, definition: '年度内（日本時間）に保健相談所の係長が特定妊婦と決定した妊娠届の件数（届の保健相談所に計上）' },
  ],
  async compute(ctx) {
    const row = await oneRow<{ notifications: number; interviewed: number; median_days: string | null; specified: number }>(
      ctx,
      `SELECT count(*)::int AS notifications,
              count(n.first_interviewed_on)::int AS interviewed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY n.first_interviewed_on - n.filed_on) AS median_days,
              (SELECT count(*)::int FROM pregnancy_notifications s
                WHERE s.specified_status = 'confirmed' AND s.specified_decided_at >= :start AND s.specified_decided_at < :end
                  AND ${officeIs(ctx, 's.office_id')}) AS specified
         FROM pregnancy_notifications n
        WHERE n.filed_on BETWEEN :firstDay AND :lastDay AND ${officeIs(ctx, 'n.office_id')}`,
    );
    return {
      'pregnancy.notifications': row.notifications,
      'pregnancy.interviewed': row.interviewed,
      'pregnancy.not_interviewed': row.notifications - row.interviewed,
      'pregnancy.interview_coverage': percent(row.interviewed, row.notifications),
      'pregnancy.median_days_to_interview': oneDecimal(row.median_days),
      'pregnancy.specified_registered': row.specified,
    };
  },
};
