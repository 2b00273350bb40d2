/**
 * The rows of the plan's own table of targets and actuals (seed sheets 1-1
 * and 1-2, 「家庭での子育てを応援」), each with the measure that is its actual.
 * Rows the system cannot measure (staff dispatched to the centre, 1-2 ③)
 * are left out; any other measure given a target for the year is appended
 * to the plan-vs-actual report after these.
 */
export interface PlanItem {
  sheet: string;
  number: string;
  item: string;
  measureCode: string;
}

export const PLAN_ITEMS: readonly PlanItem[] = [
  { sheet: '1-1', number: '①', item: '妊娠・子育て相談員による全ての妊婦との面談・支援の実施', measureCode: 'pregnancy.interview_coverage' },
  { sheet: '1-1', number: '②', item: '産後ケア事業実施場所の拡大', measureCode: 'postpartum_care.sites' },
  { sheet: '1-2', number: '①1)', item: '要支援家庭への見守り訪問', measureCode: 'watch_visits.done_rate' },
  { sheet: '1-2', number: '①2)', item: '保育園など関係施設への巡回訪問（訪問施設の拡大）', measureCode: 'facility_rounds.facilities_reached' },
  { sheet: '1-2', number: '②', item: '要支援家庭を対象としたショートステイ事業 受入対象年齢の拡大', measureCode: 'short_stays.children_outside_2_12' },
  { sheet: '1-2', number: '④', item: '都児童相談センター職員の区子ども家庭支援センター会議への参画', measureCode: 'case_conferences.centre_attended' },
  { sheet: '1-2', number: '⑤', item: '都児童相談センターとの事案送致・指導措置委託の連携の実施', measureCode: 'centre_requests.received' },
];
