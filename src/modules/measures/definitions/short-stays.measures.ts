import { SHORT_STAY_AGE_BAND_LABELS, ShortStayAgeBand } from '../../short-stays/short-stay.enums';
import { MeasureDefinition, MeasureGroup, MeasureUnit, percent } from '../measure';

/**
 * Sheet 1-2 ② 要支援家庭を対象としたショートステイ. Computed by the short-stay
 * module's own statistics (ShortStayStatsService.statsFor, one set-based query
 * per figure), not re-implemented here: a stay belongs to the year of its
 * first night and to the requesting office; nights to the year they fall in.
 */
const BAND_MEASURES: MeasureDefinition[] = Object.values(ShortStayAgeBand).map((band) => ({
  code: `short_stays.children.${band}`,
  label: `利用児童数（${SHORT_STAY_AGE_BAND_LABELS[band]}）`,
  unit: MeasureUnit.Persons,
  definition: `承認された利用のある児童のうち、その年度最初の利用初日の年齢が${SHORT_STAY_AGE_BAND_LABELS[band]}の人数`,
}));

export const SHORT_STAY_MEASURES: MeasureGroup = {
  code: 'short_stays',
  label: '要支援家庭を対象としたショートステイ',
  sheet: '1-2',
  definitions: [
    { code: 'short_stays.requests', label: 'ショートステイ申請数', unit: MeasureUnit.Count, definition: '利用初日が年度内の申請（状態を問わない）' },
    { code: 'short_stays.approved', label: 'ショートステイ承認数', unit: MeasureUnit.Count, definition: '年度内の申請のうち、係長が承認したもの（承認後の取消を含む）' },
    { code: 'short_stays.nights', label: '利用泊数', unit: MeasureUnit.Nights, definition: '年度内の夜に予約された泊数（承認・利用中・完了）' },
    {
      code: 'short_stays.occupancy',
      label: '稼働率',
      unit: MeasureUnit.Percent,
      definition: '協力施設の年度内（経過分）の延べ利用泊数 ÷ 延べ定員泊数 × 100（施設は区全体で共用のため全事業所の利用を含む）',
    },
    { code: 'short_stays.children', label: '利用児童数', unit: MeasureUnit.Persons, definition: '年度内に承認された利用のある児童の実人数' },
    ...BAND_MEASURES,
    {
      code: 'short_stays.children_outside_2_12',
      label: '対象年齢拡大分の利用児童数（0〜1歳・13歳以上）',
      unit: MeasureUnit.Persons,
      definition: '事業開始時の対象年齢（2〜12歳）の外で利用した児童の実人数',
    },
  ],
  async compute(ctx) {
    const stats = await ctx.shortStayStats.statsFor(ctx.officeId, ctx.fiscalYear);
    const band = (b: ShortStayAgeBand) => stats.byAgeBand.find((x) => x.band === b)?.children ?? 0;
    const bedNights = stats.occupancy.reduce((n, o) => n + o.bedNights, 0);
    const taken = stats.occupancy.reduce((n, o) => n + o.nightsTaken, 0);
    return {
      'short_stays.requests': stats.requests,
      'short_stays.approved': stats.approved,
      'short_stays.nights': stats.nightsBooked,
      'short_stays.occupancy': percent(taken, bedNights),
      'short_stays.children': stats.children,
      ...Object.fromEntries(Object.values(ShortStayAgeBand).map((b) => [`short_stays.children.${b}`, band(b)])),
      'short_stays.children_outside_2_12': band(ShortStayAgeBand.Infant) + band(ShortStayAgeBand.Teen),
    };
  },
};
