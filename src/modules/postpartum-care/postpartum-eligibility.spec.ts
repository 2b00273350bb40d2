import { addDays } from '../../common/time/japan-time';
import { checkPostpartumEligibility, lastEligibleDay, POSTPARTUM_CARE_TRANSITIONS, PostpartumCareAction } from './postpartum-eligibility';
import { PostpartumCareStatus } from './postpartum-care.entity';
import { PostpartumCareType } from './postpartum-care-type';

const rules = { eligibilityMonths: 12, overnightMaxAgeMonths: 4 };
const { OvernightStay, DayCare, HomeVisit } = PostpartumCareType;
const codes = (type: PostpartumCareType, birth: string, on: string) => checkPostpartumEligibility(type, birth, on, rules).map((e) => e.code);

describe('産後ケア eligibility', () => {
  it.each(['2025-06-01', '2023-06-01', '2024-02-29'])('born %s: in at 364 days, out at 366 days', (birth) => {
    for (const type of [DayCare, HomeVisit]) {
      expect(codes(type, birth, addDays(birth, 364))).toEqual([]);
      expect(codes(type, birth, addDays(birth, 366))).toEqual(['beyond_eligibility_period']);
    }
  });

  it('ends the day before the first birthday', () => {
    expect(lastEligibleDay(DayCare, '2025-06-01', rules)).toBe('2026-05-31');
    expect(codes(DayCare, '2025-06-01', '2026-05-31')).toEqual([]);
    expect(codes(DayCare, '2025-06-01', '2026-06-01')).toEqual(['beyond_eligibility_period']);
  });

  it('takes overnight stays only until the configured age in months', () => {
    expect(lastEligibleDay(OvernightStay, '2026-01-10', rules)).toBe('2026-05-09');
    expect(codes(OvernightStay, '2026-01-10', '2026-05-09')).toEqual([]);
    expect(codes(OvernightStay, '2026-01-10', '2026-05-10')).toEqual(['overnight_age_limit']);
    // Day care is still fine at that age.
    expect(codes(DayCare, '2026-01-10', '2026-05-10')).toEqual([]);
  });

  it('follows the configuration, not a constant', () => {
    expect(checkPostpartumEligibility(OvernightStay, '2026-01-10', '2026-05-10', { ...rules, overnightMaxAgeMonths: 6 })).toEqual([]);
    expect(lastEligibleDay(OvernightStay, '2026-01-31', rules)).toBe('2026-05-30');
  });

  it('refuses a service before the birth', () => {
    expect(codes(HomeVisit, '2026-03-01', '2026-02-28')).toEqual(['not_born_yet']);
  });

  it('allows actions only from the states the workflow names', () => {
    expect(POSTPARTUM_CARE_TRANSITIONS[PostpartumCareStatus.Applied]).toContain(PostpartumCareAction.Approve);
    expect(POSTPARTUM_CARE_TRANSITIONS[PostpartumCareStatus.Approved]).not.toContain(PostpartumCareAction.Approve);
    expect(POSTPARTUM_CARE_TRANSITIONS[PostpartumCareStatus.Approved]).toContain(PostpartumCareAction.RecordSession);
    for (const done of [PostpartumCareStatus.Rejected, PostpartumCareStatus.Cancelled, PostpartumCareStatus.Completed]) expect(POSTPARTUM_CARE_TRANSITIONS[done]).toEqual([]);
  });
});
