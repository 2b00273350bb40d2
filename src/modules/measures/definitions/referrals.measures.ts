import { REFERRAL_STATE_LABELS, ReferralState } from '../../referrals/referral.enums';
import { namedRows } from '../../../database/named-sql';
import { MeasureGroup, MeasureUnit, oneDecimal, oneRow, officeIs, params } from '../measure';

/**
 * Sheet 1-2 ③⑤ 送致 (ward → 児童相談センター). A referral belongs to the fiscal
 * year of its first submission (a draft never submitted: of its creation), in
 * Japan time, and to the office that drafted it — the rule of the view
 * referral_measure_facts, written here over the table so the year is an index
 * range. Days to decision are calendar days.
 */
export const REFERRAL_MEASURES: MeasureGroup = {
  code: 'referrals',
  label: '児童相談センターへの送致',
  sheet: '1-2',
  definitions: [
    { code: 'referrals.total', label: '送致件数（起案を含む）', unit: MeasureUnit.Count, definition: '年度内に初めて決裁に回した（未提出の起案は作成した）送致の件数' },
    ...Object.values(ReferralState).map((state) => ({
      code: `referrals.state.${state}`,
      label: `送致（${REFERRAL_STATE_LABELS[state]}）`,
      unit: MeasureUnit.Count,
      definition: `年度内の送致のうち、現在「${REFERRAL_STATE_LABELS[state]}」のもの`,
    })),
    { code: 'referrals.median_days_to_approval', label: '決裁までの日数（中央値）', unit: MeasureUnit.Days, definition: '初回提出日から承認日までの日数の中央値', lowerIsBetter: true },
    { code: 'referrals.median_days_to_decision', label: 'センター回答までの日数（中央値）', unit: MeasureUnit.Days, definition: '送付日から児童相談センターの受理・不受理の回答日までの日数の中央値', lowerIsBetter: true },
  ],
  async compute(ctx) {
    const where = `coalesce(r.first_submitted_at, r.created_at) >= :start AND coalesce(r.first_submitted_at, r.created_at) < :end AND ${officeIs(ctx, 'r.office_id')}`;
    const byState = await namedRows<{ state: ReferralState; n: number }>(ctx.dataSource, `SELECT r.state, count(*)::int AS n FROM referrals r WHERE ${where} GROUP BY r.state`, params(ctx));
    const days = await oneRow<{ approval: string | null; decision: string | null }>(
      ctx,
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (r.approved_at AT TIME ZONE 'Asia/Tokyo')::date - (r.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date) AS approval,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY r.answered_on - r.sent_on) AS decision
         FROM referrals r WHERE ${where}`,
    );
    const counts = Object.fromEntries(Object.values(ReferralState).map((s) => [`referrals.state.${s}`, byState.find((r) => r.state === s)?.n ?? 0]));
    return {
      'referrals.total': byState.reduce((n, r) => n + r.n, 0),
      ...counts,
      'referrals.median_days_to_approval': oneDecimal(days.approval),
      'referrals.median_days_to_decision': oneDecimal(days.decision),
    };
  },
};
