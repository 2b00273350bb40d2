import { HousingType, InsuranceType, PartnerSituation, PregnancyFeeling, SubstanceUse, SupportNeed, SupportPerson } from './pregnancy-interview.entity';
import { finalSupportNeed, ScreeningAnswers, ScreeningContext, ScreeningFactor, screenSupportNeed } from './support-need.rule';

const calm: ScreeningAnswers = {
  partnerSituation: PartnerSituation.Married,
  supportPersons: [SupportPerson.Partner, SupportPerson.OwnParents],
  pastIllness: false,
  mentalIllnessHistory: false,
  insomnia: false,
  lowMood: false,
  lossOfInterest: false,
  strongAnxiety: false,
  smoking: SubstanceUse.Never,
  drinking: SubstanceUse.Never,
  publicAssistance: false,
  insuranceType: InsuranceType.Employee,
  economicWorry: false,
  housingType: HousingType.Rented,
  planningToMove: false,
  domesticViolence: false,
  priorChildProtection: false,
  noPrenatalCheckups: false,
  pregnancyFeeling: PregnancyFeeling.Happy,
};
const ctx: ScreeningContext = { motherAgeOnInterview: 30, weeksAtFiling: 9, multiplePregnancy: false };

const { None, FollowUp } = SupportNeed;
const Candidate = SupportNeed.SpecifiedExpectantMotherCandidate;

describe('screenSupportNeed (妊婦面談 screening rule)', () => {
  const table: Array<[string, Partial<ScreeningAnswers>, Partial<ScreeningContext>, SupportNeed, ScreeningFactor[]]> = [
    ['no concern at all', {}, {}, None, []],
    ['quit smoking and drinking for the pregnancy is no concern', { smoking: SubstanceUse.Quit, drinking: SubstanceUse.Quit }, {}, None, []],
    ['unexpected but happy is no concern', { pregnancyFeeling: PregnancyFeeling.UnexpectedButHappy }, {}, None, []],
    ['national insurance alone is no concern', { insuranceType: InsuranceType.National }, {}, None, []],
    ['one concern: insomnia', { insomnia: true }, {}, FollowUp, [ScreeningFactor.Insomnia]],
    ['one concern: continuing to smoke', { smoking: SubstanceUse.Continuing }, {}, FollowUp, [ScreeningFactor.Smoking]],
    ['one concern: past physical illness', { pastIllness: true }, {}, FollowUp, [ScreeningFactor.PastIllness]],
    ['economic hardship counts once, however many signs', { publicAssistance: true, insuranceType: InsuranceType.MedicalAssistance, economicWorry: true }, {}, FollowUp, [ScreeningFactor.EconomicHardship]],
    ['no insurance is economic hardship', { insuranceType: InsuranceType.None }, {}, FollowUp, [ScreeningFactor.EconomicHardship]],
    ['two concerns: low mood and loss of interest', { lowMood: true, lossOfInterest: true }, {}, FollowUp, [ScreeningFactor.LowMood, ScreeningFactor.LossOfInterest]],
    ['three concerns make a candidate', { lowMood: true, insomnia: true, strongAnxiety: true }, {}, Candidate, [ScreeningFactor.LowMood, ScreeningFactor.Insomnia, ScreeningFactor.StrongAnxiety]],
    [
      'no partner, no support and economic worry make a candidate',
      { partnerSituation: PartnerSituation.NoPartner, supportPersons: [], economicWorry: true },
      {},
      Candidate,
      [ScreeningFactor.EconomicHardship, ScreeningFactor.NoPartner, ScreeningFactor.NoSupportPerson],
    ],
    ['unwanted pregnancy alone', { pregnancyFeeling: PregnancyFeeling.Unwanted }, {}, Candidate, [ScreeningFactor.UnwantedPregnancy]],
    ['troubled feeling is a concern only', { pregnancyFeeling: PregnancyFeeling.Troubled }, {}, FollowUp, [ScreeningFactor.AmbivalentFeeling]],
    ['DV alone', { domesticViolence: true }, {}, Candidate, [ScreeningFactor.DomesticViolence]],
    ['older child under protection alone', { priorChildProtection: true }, {}, Candidate, [ScreeningFactor.PriorChildProtection]],
    ['no prenatal check-ups alone', { noPrenatalCheckups: true }, {}, Candidate, [ScreeningFactor.NoPrenatalCheckups]],
    ['unstable housing alone', { housingType: HousingType.Unstable }, {}, Candidate, [ScreeningFactor.UnstableHousing]],
    ['mental illness history without current symptoms is a concern', { mentalIllnessHistory: true }, {}, FollowUp, [ScreeningFactor.MentalIllnessHistory]],
    ['mental illness history with low mood is serious', { mentalIllnessHistory: true, lowMood: true }, {}, Candidate, [ScreeningFactor.MentalIllnessWithSymptoms, ScreeningFactor.LowMood]],
    ['mental illness history with insomnia only stays a concern pair', { mentalIllnessHistory: true, insomnia: true }, {}, FollowUp, [ScreeningFactor.Insomnia, ScreeningFactor.MentalIllnessHistory]],
    ['age 17 is a minor mother', {}, { motherAgeOnInterview: 17 }, Candidate, [ScreeningFactor.MinorMother]],
    ['age 18 is a teen mother (concern)', {}, { motherAgeOnInterview: 18 }, FollowUp, [ScreeningFactor.TeenMother]],
    ['age 19 is a teen mother (concern)', {}, { motherAgeOnInterview: 19 }, FollowUp, [ScreeningFactor.TeenMother]],
    ['age 20 is no concern', {}, { motherAgeOnInterview: 20 }, None, []],
    ['unknown age adds nothing', {}, { motherAgeOnInterview: null }, None, []],
    ['filed at 19 weeks is on time', {}, { weeksAtFiling: 19 }, None, []],
    ['filed at 20 weeks is late', {}, { weeksAtFiling: 20 }, FollowUp, [ScreeningFactor.LateNotification]],
    ['twins are a concern', {}, { multiplePregnancy: true }, FollowUp, [ScreeningFactor.MultiplePregnancy]],
    [
      'late filing, twins and a move add up to a candidate',
      { planningToMove: true },
      { weeksAtFiling: 24, multiplePregnancy: true },
      Candidate,
      [ScreeningFactor.PlanningToMove, ScreeningFactor.LateNotification, ScreeningFactor.MultiplePregnancy],
    ],
    ['drinking and smoking: two concerns', { smoking: SubstanceUse.Continuing, drinking: SubstanceUse.Continuing }, {}, FollowUp, [ScreeningFactor.Smoking, ScreeningFactor.Drinking]],
  ];

  it.each(table)('%s', (_name, answers, context, need, factors) => {
    const result = screenSupportNeed({ ...calm, ...answers }, { ...ctx, ...context });
    expect(result.need).toBe(need);
    expect(result.factors).toEqual(factors);
  });
});

describe('finalSupportNeed', () => {
  it.each([
    [None, undefined, None, false, false],
    [None, FollowUp, FollowUp, true, false],
    [FollowUp, Candidate, Candidate, true, false],
    [FollowUp, FollowUp, FollowUp, false, false],
    [Candidate, None, Candidate, false, true],
    [FollowUp, None, FollowUp, false, true],
  ] as const)('screened %s, assessed %s → %s', (screened, assessed, need, raised, lowered) => {
    expect(finalSupportNeed(screened, assessed)).toEqual({ need, raised, lowered });
  });
});
