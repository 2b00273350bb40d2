import { EntityManager } from 'typeorm';

/**
 * The plan's own targets (seed sheets No. 1-1 and 1-2, 年度別の取組計画 for
 * 30年度 = FY2018 and 31年度 = FY2019), ward-wide. Where the plan gives a
 * number (全ての妊婦 = 100%, 産後ケア 計2か所) it is the numeric target;
 * otherwise only its words (実施, 拡大, 参画...). Later years are entered by
 * administrators through /measure-targets. Loaded with the offices (these are
 * public plan figures, not demo data); an existing row is never overwritten,
 * so an administrator's correction survives a re-seed.
 */
export const PLAN_TARGETS: Array<{ fiscalYear: number; measureCode: string; value: number | null; text: string; note: string }> = [
  { fiscalYear: 2018, measureCode: 'pregnancy.interview_coverage', value: 100, text: '実施（全ての妊婦との面談）', note: 'No.1-1 ① 30年度' },
  { fiscalYear: 2018, measureCode: 'postpartum_care.sites', value: 1, text: '実施（1か所）', note: 'No.1-1 ② 30年度' },
  { fiscalYear: 2018, measureCode: 'watch_visits.done_rate', value: null, text: '実施', note: 'No.1-2 ① 1) 30年度' },
  { fiscalYear: 2018, measureCode: 'facility_rounds.facilities_reached', value: null, text: '訪問施設の拡大', note: 'No.1-2 ① 2) 30年度' },
  { fiscalYear: 2018, measureCode: 'short_stays.children_outside_2_12', value: null, text: '拡大に向けた検討', note: 'No.1-2 ② 30年度（開始時の対象年齢 2-12歳）' },
  { fiscalYear: 2018, measureCode: 'case_conferences.centre_attended', value: null, text: '参画', note: 'No.1-2 ④ 30年度' },
  { fiscalYear: 2018, measureCode: 'centre_requests.received', value: null, text: '協議', note: 'No.1-2 ⑤ 30年度' },
  { fiscalYear: 2019, measureCode: 'pregnancy.interview_coverage', value: 100, text: '実施（全ての妊婦との面談）', note: 'No.1-1 ① 31年度目標' },
  { fiscalYear: 2019, measureCode: 'postpartum_care.sites', value: 2, text: '拡大（計2か所）', note: 'No.1-1 ② 31年度目標' },
  { fiscalYear: 2019, measureCode: 'watch_visits.done_rate', value: null, text: '実施', note: 'No.1-2 ① 1) 31年度' },
  { fiscalYear: 2019, measureCode: 'facility_rounds.facilities_reached', value: null, text: '拡大', note: 'No.1-2 ① 2) 31年度' },
  { fiscalYear: 2019, measureCode: 'short_stays.children_outside_2_12', value: null, text: '拡大', note: 'No.1-2 ② 31年度' },
  { fiscalYear: 2019, measureCode: 'case_conferences.centre_attended', value: null, text: '参画', note: 'No.1-2 ④ 31年度' },
  { fiscalYear: 2019, measureCode: 'centre_requests.received', value: null, text: '実施', note: 'No.1-2 ⑤ 31年度' },
];

export async function seedMeasureTargets(manager: EntityManager): Promise<void> {
  for (const t of PLAN_TARGETS) {
    await manager.query(
      `INSERT INTO measure_targets (fiscal_year, measure_code, office_id, target_value, target_text, note) VALUES ($1, $2, NULL, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [t.fiscalYear, t.measureCode, t.value, t.text, t.note],
    );
  }
}
