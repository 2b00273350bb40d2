import { HousingType, InsuranceType, PartnerSituation, PregnancyFeeling, SubstanceUse, SupportNeed, SupportPerson } from './pregnancy-interview.entity';

/**
 * The screening rule that turns a 妊婦面談's structured answers into a
 * support need. It follows the indicators of 特定妊婦 in the national
 * guidance (「養育支援を特に必要とする家庭の把握及び支援について」): a single
 * serious indicator is enough to put the pregnancy before a supervisor,
 * while everyday concerns add up.
 *
 * 1. Any SERIOUS factor → `specified_expectant_mother_candidate`:
 *    - unwanted_pregnancy: the mother says the pregnancy is unwanted (望まない妊娠)
 *    - domestic_violence: DV suspected or disclosed
 *    - prior_child_protection: an older child has been under protection / abuse response
 *    - no_prenatal_checkups: no 妊婦健診 so far
 *    - minor_mother: under 18 on the interview date
 *    - unstable_housing: no settled home
 *    - mental_illness_with_symptoms: a history of mental illness AND low mood or loss of interest now
 * 2. Otherwise count the CONCERNS:
 *    low_mood, loss_of_interest, insomnia, strong_anxiety, mental_illness_history, past_illness,
 *    smoking (continuing), drinking (continuing), economic_hardship (生活保護, no insurance or
 *    economic worries — one factor however many of the three), no_partner, no_support_person,
 *    planning_to_move, late_notification (filed at 20 weeks or later), teen_mother (18–19),
 *    multiple_pregnancy, ambivalent_feeling (戸惑い・困っている).
 *    3 or more → `specified_expectant_mother_candidate`; 1–2 → `follow_up`; none → `none`.
 *
 * A candidate is only a proposal: a supervisor confirms (or not) the 特定妊婦.
 * The rule never lowers what a consultant judged; see `finalSupportNeed`.
 */
export enum ScreeningFactor {
  UnwantedPregnancy = 'unwanted_pregnancy',
  DomesticViolence = 'domestic_violence',
  PriorChildProtection = 'prior_child_protection',
  NoPrenatalCheckups = 'no_prenatal_checkups',
  MinorMother = 'minor_mother',
  UnstableHousing = 'unstable_housing',
  MentalIllnessWithSymptoms = 'mental_illness_with_symptoms',
  LowMood = 'low_mood',
  LossOfInterest = 'loss_of_interest',
  Insomnia = 'insomnia',
  StrongAnxiety = 'strong_anxiety',
  MentalIllnessHistory = 'mental_illness_history',
  PastIllness = 'past_illness',
  Smoking = 'smoking',
  Drinking = 'drinking',
  EconomicHardship = 'economic_hardship',
  NoPartner = 'no_partner',
  NoSupportPerson = 'no_support_person',
  PlanningToMove = 'planning_to_move',
  LateNotification = 'late_notification',
  TeenMother = 'teen_mother',
  MultiplePregnancy = 'multiple_pregnancy',
  AmbivalentFeeling = 'ambivalent_feeling',
}

export const SCREENING_FACTOR_LABELS: Record<ScreeningFactor, string> = {
  [ScreeningFactor.UnwantedPregnancy]: '望まない妊娠',
  [ScreeningFactor.DomesticViolence]: 'DV',
  [ScreeningFactor.PriorChildProtection]: '上の子の要保護・虐待対応歴',
  [ScreeningFactor.NoPrenatalCheckups]: '妊婦健診未受診',
  [ScreeningFactor.MinorMother]: '18歳未満の妊娠',
  [ScreeningFactor.UnstableHousing]: '住居不安定',
  [ScreeningFactor.MentalIllnessWithSymptoms]: '精神疾患の既往と現在の抑うつ症状',
  [ScreeningFactor.LowMood]: '気分の落ち込み',
  [ScreeningFactor.LossOfInterest]: '興味・喜びの喪失',
  [ScreeningFactor.Insomnia]: '不眠',
  [ScreeningFactor.StrongAnxiety]: '強い不安',
  [ScreeningFactor.MentalIllnessHistory]: '精神疾患の既往',
  [ScreeningFactor.PastIllness]: '既往歴あり',
  [ScreeningFactor.Smoking]: '喫煙継続',
  [ScreeningFactor.Drinking]: '飲酒継続',
  [ScreeningFactor.EconomicHardship]: '経済的困難',
  [ScreeningFactor.NoPartner]: 'パートナーなし',
  [ScreeningFactor.NoSupportPerson]: '支援者なし',
  [ScreeningFactor.PlanningToMove]: '転居予定',
  [ScreeningFactor.LateNotification]: '妊娠届出の遅れ（20週以降）',
  [ScreeningFactor.TeenMother]: '10代の妊娠（18・19歳）',
  [ScreeningFactor.MultiplePregnancy]: '多胎妊娠',
  [ScreeningFactor.AmbivalentFeeling]: '妊娠への戸惑い',
};

export const SERIOUS_FACTORS: ReadonlySet<ScreeningFactor> = new Set([
  ScreeningFactor.UnwantedPregnancy,
  ScreeningFactor.DomesticViolence,
  ScreeningFactor.PriorChildProtection,
  ScreeningFactor.NoPrenatalCheckups,
  ScreeningFactor.MinorMother,
  ScreeningFactor.UnstableHousing,
  ScreeningFactor.MentalIllnessWithSymptoms,
]);

/** Concerns at or above this count make a candidate. */
export const CANDIDATE_CONCERN_COUNT = 3;
export const LATE_NOTIFICATION_WEEKS = 20;

export interface ScreeningAnswers {
  partnerSituation: PartnerSituation;
  supportPersons: readonly SupportPerson[];
  pastIllness: boolean;
  mentalIllnessHistory: boolean;
  insomnia: boolean;
  lowMood: boolean;
  lossOfInterest: boolean;
  strongAnxiety: boolean;
  smoking: SubstanceUse;
  drinking: SubstanceUse;
  publicAssistance: boolean;
  insuranceType: InsuranceType;
  economicWorry: boolean;
  housingType: HousingType;
  planningToMove: boolean;
  domesticViolence: boolean;
  priorChildProtection: boolean;
  noPrenatalCheckups: boolean;
  pregnancyFeeling: PregnancyFeeling;
}

/** Facts from the 妊娠届 and the mother's record; the age is unknown when her birth date is. */
export interface ScreeningContext {
  motherAgeOnInterview: number | null;
  weeksAtFiling: number;
  multiplePregnancy: boolean;
}

export interface ScreeningResult {
  need: SupportNeed;
  /** Every factor that applied, serious ones first, in the order above. */
  factors: ScreeningFactor[];
}

export function screenSupportNeed(a: ScreeningAnswers, ctx: ScreeningContext): ScreeningResult {
  const currentlyLow = a.lowMood || a.lossOfInterest;
  const checks: Array<[ScreeningFactor, boolean]> = [
    [ScreeningFactor.UnwantedPregnancy, a.pregnancyFeeling === PregnancyFeeling.Unwanted],
    [ScreeningFactor.DomesticViolence, a.domesticViolence],
    [ScreeningFactor.PriorChildProtection, a.priorChildProtection],
    [ScreeningFactor.NoPrenatalCheckups, a.noPrenatalCheckups],
    [ScreeningFactor.MinorMother, ctx.motherAgeOnInterview !== null && ctx.motherAgeOnInterview < 18],
    [ScreeningFactor.UnstableHousing, a.housingType === HousingType.Unstable],
    [ScreeningFactor.MentalIllnessWithSymptoms, a.mentalIllnessHistory && currentlyLow],
    [ScreeningFactor.LowMood, a.lowMood],
    [ScreeningFactor.LossOfInterest, a.lossOfInterest],
    [ScreeningFactor.Insomnia, a.insomnia],
    [ScreeningFactor.StrongAnxiety, a.strongAnxiety],
    [ScreeningFactor.MentalIllnessHistory, a.mentalIllnessHistory && !currentlyLow],
    [ScreeningFactor.PastIllness, a.pastIllness],
    [ScreeningFactor.Smoking, a.smoking === SubstanceUse.Continuing],
    [ScreeningFactor.Drinking, a.drinking === SubstanceUse.Continuing],
    [ScreeningFactor.EconomicHardship, a.publicAssistance || a.insuranceType === InsuranceType.None || a.economicWorry],
    [ScreeningFactor.NoPartner, a.partnerSituation === PartnerSituation.NoPartner],
    [ScreeningFactor.NoSupportPerson, a.supportPersons.length === 0],
    [ScreeningFactor.PlanningToMove, a.planningToMove],
    [ScreeningFactor.LateNotification, ctx.weeksAtFiling >= LATE_NOTIFICATION_WEEKS],
    [ScreeningFactor.TeenMother, ctx.motherAgeOnInterview !== null && ctx.motherAgeOnInterview >= 18 && ctx.motherAgeOnInterview < 20],
    [ScreeningFactor.MultiplePregnancy, ctx.multiplePregnancy],
    [ScreeningFactor.AmbivalentFeeling, a.pregnancyFeeling === PregnancyFeeling.Mixed || a.pregnancyFeeling === PregnancyFeeling.Troubled],
  ];
  const factors = checks.filter(([, applies]) => applies).map(([factor]) => factor);
  const serious = factors.filter((f) => SERIOUS_FACTORS.has(f)).length;
  const concerns = factors.length - serious;
  let need = SupportNeed.None;
  if (serious > 0 || concerns >= CANDIDATE_CONCERN_COUNT) need = SupportNeed.SpecifiedExpectantMotherCandidate;
  else if (concerns > 0) need = SupportNeed.FollowUp;
  return { need, factors };
}

const NEED_RANK: Record<SupportNeed, number> = {
  [SupportNeed.None]: 0,
  [SupportNeed.FollowUp]: 1,
  [SupportNeed.SpecifiedExpectantMotherCandidate]: 2,
};

export function needRank(need: SupportNeed): number {
  return NEED_RANK[need];
}

/**
 * The consultant may raise the screened need on professional judgement (with
 * a reason) but not lower it: answers that the rule reads as risky stay in
 * front of a supervisor, who may then decide the pregnancy is not 特定妊婦.
 */
export function finalSupportNeed(screened: SupportNeed, assessed: SupportNeed | undefined): { need: SupportNeed; raised: boolean; lowered: boolean } {
  if (assessed === undefined || assessed === screened) return { need: screened, raised: false, lowered: false };
  if (NEED_RANK[assessed] < NEED_RANK[screened]) return { need: screened, raised: false, lowered: true };
  return { need: assessed, raised: true, lowered: false };
}
