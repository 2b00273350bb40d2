import fc from 'fast-check';
import { addDays, addMonths, ageOn } from '../../../common/time/japan-time';
import { ShortStayCheckCode } from '../short-stay.enums';
import { EligibilityInput, evaluateShortStay, nightsOf, policyInForce, PolicyRule } from './short-stay-eligibility';

const FY2018: PolicyRule = { id: 'p2018', effectiveFrom: '2018-04-01', minAge: 2, maxAge: 12, maxNightsPerStay: 7, maxNightsPerMonth: 14, extensionRequiresApproval: true };
const WIDER: PolicyRule = { id: 'p2026', effectiveFrom: '2026-10-01', minAge: 0, maxAge: 15, maxNightsPerStay: 7, maxNightsPerMonth: 14, extensionRequiresApproval: true };

function beds(first: string, last: string, total = 2, taken = 0) {
  return nightsOf(first, last).map((night) => ({ night, total, taken }));
}

function input(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  const firstNight = overrides.firstNight ?? '2026-06-10';
  const lastNight = overrides.lastNight ?? '2026-06-12';
  return {
    today: '2026-06-01',
    firstNight,
    lastNight,
    birthDate: '2019-05-01',
    policy: FY2018,
    facility: { active: true, minAge: 2, maxAge: 17 },
    otherBookedNights: [],
    beds: beds(firstNight, lastNight),
    ...overrides,
  };
}

const checkOf = (result: ReturnType<typeof evaluateShortStay>, code: ShortStayCheckCode) => {
  const found = result.checks.find((c) => c.code === code);
  if (!found) throw new Error(`no check ${code}`);
  return found;
};

describe('nightsOf', () => {
  it('lists every night inclusive, across a month end', () => {
    expect(nightsOf('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
    expect(nightsOf('2026-03-01', '2026-03-01')).toEqual(['2026-03-01']);
  });
});

describe('policyInForce', () => {
  const rows = [FY2018, WIDER];
  it('picks the latest row effective on or before the date', () => {
    expect(policyInForce(rows, '2026-09-30')?.id).toBe('p2018');
    expect(policyInForce(rows, '2026-10-01')?.id).toBe('p2026');
    expect(policyInForce([WIDER, FY2018], '2027-01-01')?.id).toBe('p2026');
  });
  it('answers null before the first row', () => {
    expect(policyInForce(rows, '2018-03-31')).toBeNull();
  });
});

describe('evaluateShortStay', () => {
  it('passes an ordinary stay, with every check listed', () => {
    const result = evaluateShortStay(input());
    expect(result.eligible).toBe(true);
    expect(result.nights).toBe(3);
    expect(result.ageOnFirstNight).toBe(7);
    expect(result.policyId).toBe('p2018');
    expect(result.checks.map((c) => c.code)).toEqual([
      ShortStayCheckCode.NotInPast,
      ShortStayCheckCode.PolicyInForce,
      ShortStayCheckCode.AgeEligible,
      ShortStayCheckCode.StayLength,
      ShortStayCheckCode.MonthlyLimit,
      ShortStayCheckCode.NoOverlap,
      ShortStayCheckCode.FacilityAccepting,
      ShortStayCheckCode.FacilityAgeRange,
      ShortStayCheckCode.BedsFree,
    ]);
    expect(result.checks.every((c) => c.passed && c.message.length > 0)).toBe(true);
  });

  describe('age on the first night (FY2018: 2–12)', () => {
    it('a child who turned 13 the day before the first night is out', () => {
      const result = evaluateShortStay(input({ birthDate: '2013-06-09', firstNight: '2026-06-10' }));
      expect(result.ageOnFirstNight).toBe(13);
      expect(checkOf(result, ShortStayCheckCode.AgeEligible).passed).toBe(false);
      expect(result.eligible).toBe(false);
    });
    it('a child turning 13 on the first night itself is out; the day after, still 12, is in', () => {
      expect(checkOf(evaluateShortStay(input({ birthDate: '2013-06-10' })), ShortStayCheckCode.AgeEligible).passed).toBe(false);
      expect(checkOf(evaluateShortStay(input({ birthDate: '2013-06-11' })), ShortStayCheckCode.AgeEligible).passed).toBe(true);
    });
    it('a child turning 13 during the stay (after the first night) is judged by the first night', () => {
      const result = evaluateShortStay(input({ birthDate: '2013-06-11', firstNight: '2026-06-10', lastNight: '2026-06-12' }));
      expect(result.ageOnFirstNight).toBe(12);
      expect(checkOf(result, ShortStayCheckCode.AgeEligible).passed).toBe(true);
    });
    it('the lower bound: 2 on the first night is in, one day short of 2 is out', () => {
      expect(checkOf(evaluateShortStay(input({ birthDate: '2024-06-10' })), ShortStayCheckCode.AgeEligible).passed).toBe(true);
      expect(checkOf(evaluateShortStay(input({ birthDate: '2024-06-11' })), ShortStayCheckCode.AgeEligible).passed).toBe(false);
    });
    it('a later, wider row admits the same child for a first night on or after its date', () => {
      const rows = [FY2018, WIDER];
      const child = '2013-05-01'; // 13 in June 2026
      const before = evaluateShortStay(input({ birthDate: child, firstNight: '2026-09-30', lastNight: '2026-10-02', policy: policyInForce(rows, '2026-09-30') }));
      const after = evaluateShortStay(input({ birthDate: child, firstNight: '2026-10-01', lastNight: '2026-10-03', policy: policyInForce(rows, '2026-10-01') }));
      expect(checkOf(before, ShortStayCheckCode.AgeEligible).passed).toBe(false);
      expect(checkOf(after, ShortStayCheckCode.AgeEligible).passed).toBe(true);
      expect(after.policyId).toBe('p2026');
    });
    it('an unknown date of birth fails both age checks', () => {
      const result = evaluateShortStay(input({ birthDate: null }));
      expect(checkOf(result, ShortStayCheckCode.AgeEligible).passed).toBe(false);
      expect(checkOf(result, ShortStayCheckCode.FacilityAgeRange).passed).toBe(false);
    });
    it('no policy in force fails the policy, age and limit checks', () => {
      const result = evaluateShortStay(input({ policy: null }));
      for (const code of [ShortStayCheckCode.PolicyInForce, ShortStayCheckCode.AgeEligible, ShortStayCheckCode.StayLength, ShortStayCheckCode.MonthlyLimit]) {
        expect(checkOf(result, code).passed).toBe(false);
      }
    });
  });

  describe('stay length (原則7日以内)', () => {
    it('7 nights pass, 8 fail', () => {
      expect(checkOf(evaluateShortStay(input({ firstNight: '2026-06-10', lastNight: '2026-06-16' })), ShortStayCheckCode.StayLength).passed).toBe(true);
      const eight = evaluateShortStay(input({ firstNight: '2026-06-10', lastNight: '2026-06-17' }));
      expect(checkOf(eight, ShortStayCheckCode.StayLength).passed).toBe(false);
      expect(eight.nights).toBe(8);
    });
    it('an extension may exceed the per-stay limit and says so', () => {
      const result = evaluateShortStay(input({ firstNight: '2026-06-10', lastNight: '2026-06-18', extension: true, beds: beds('2026-06-17', '2026-06-18') }));
      const stay = checkOf(result, ShortStayCheckCode.StayLength);
      expect(stay.passed).toBe(true);
      expect(stay.details).toMatchObject({ extension: true, nights: 9, limit: 7 });
    });
  });

  describe('monthly limit (14 nights per child per month)', () => {
    it('counts the other stays of the same month only', () => {
      const other = nightsOf('2026-06-01', '2026-06-07').concat(nightsOf('2026-06-20', '2026-06-23'));
      // 11 nights booked in June + 3 = 14: allowed; a 4th night is one too many.
      expect(checkOf(evaluateShortStay(input({ otherBookedNights: other })), ShortStayCheckCode.MonthlyLimit).passed).toBe(true);
      const over = evaluateShortStay(input({ otherBookedNights: other, lastNight: '2026-06-13', beds: beds('2026-06-10', '2026-06-13') }));
      const monthly = checkOf(over, ShortStayCheckCode.MonthlyLimit);
      expect(monthly.passed).toBe(false);
      expect(monthly.details).toEqual({ months: [{ month: '2026-06', thisStay: 4, otherStays: 11, total: 15, limit: 14 }] });
      // Nights in May do not count against June.
      expect(checkOf(evaluateShortStay(input({ otherBookedNights: nightsOf('2026-05-01', '2026-05-31') })), ShortStayCheckCode.MonthlyLimit).passed).toBe(true);
    });
    it('splits a stay across a month end', () => {
      const other = nightsOf('2026-07-01', '2026-07-12'); // 12 nights in July
      const result = evaluateShortStay(input({ firstNight: '2026-06-29', lastNight: '2026-07-03', otherBookedNights: other, beds: beds('2026-06-29', '2026-07-03') }));
      const monthly = checkOf(result, ShortStayCheckCode.MonthlyLimit);
      expect(monthly.passed).toBe(false);
      expect(monthly.details).toEqual({
        months: [
          { month: '2026-06', thisStay: 2, otherStays: 0, total: 2, limit: 14 },
          { month: '2026-07', thisStay: 3, otherStays: 12, total: 15, limit: 14 },
        ],
      });
    });
  });

  it('refuses nights the child already holds in another stay', () => {
    const result = evaluateShortStay(input({ otherBookedNights: ['2026-06-12', '2026-06-13'] }));
    const overlap = checkOf(result, ShortStayCheckCode.NoOverlap);
    expect(overlap.passed).toBe(false);
    expect(overlap.details).toEqual({ nights: ['2026-06-12'] });
  });

  describe('facility', () => {
    it('age range of an infant home (0–2)', () => {
      const infantHome = { active: true, minAge: 0, maxAge: 2 };
      expect(checkOf(evaluateShortStay(input({ facility: infantHome, birthDate: '2024-03-01' })), ShortStayCheckCode.FacilityAgeRange).passed).toBe(true);
      const three = evaluateShortStay(input({ facility: infantHome, birthDate: '2023-06-10' }));
      expect(three.ageOnFirstNight).toBe(3);
      expect(checkOf(three, ShortStayCheckCode.FacilityAgeRange).passed).toBe(false);
      expect(checkOf(three, ShortStayCheckCode.AgeEligible).passed).toBe(true);
    });
    it('a facility not accepting fails', () => {
      expect(checkOf(evaluateShortStay(input({ facility: { active: false, minAge: 2, maxAge: 17 } })), ShortStayCheckCode.FacilityAccepting).passed).toBe(false);
    });
  });

  describe('beds', () => {
    it('needs a free bed on every night and names the full ones', () => {
      const b = [
        { night: '2026-06-10', total: 2, taken: 1 },
        { night: '2026-06-11', total: 1, taken: 1 },
        { night: '2026-06-12', total: 0, taken: 0 },
      ];
      const result = evaluateShortStay(input({ beds: b }));
      const free = checkOf(result, ShortStayCheckCode.BedsFree);
      expect(free.passed).toBe(false);
      expect(free.details?.fullNights).toEqual(['2026-06-11', '2026-06-12']);
    });
  });

  it('refuses a first night in the past', () => {
    expect(checkOf(evaluateShortStay(input({ today: '2026-06-11' })), ShortStayCheckCode.NotInPast).passed).toBe(false);
    expect(checkOf(evaluateShortStay(input({ today: '2026-06-10' })), ShortStayCheckCode.NotInPast).passed).toBe(true);
  });

  it('property: the age check agrees with ageOn and the policy bounds for any birth date and first night', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 16 }), fc.integer({ min: 0, max: 365 * 3 }), (birthOffset, startOffset) => {
        const firstNight = addDays('2026-06-01', startOffset);
        const birthDate = addDays(firstNight, -birthOffset);
        const result = evaluateShortStay(input({ firstNight, lastNight: firstNight, birthDate, today: '2026-06-01', beds: beds(firstNight, firstNight) }));
        const age = ageOn(birthDate, firstNight);
        return checkOf(result, ShortStayCheckCode.AgeEligible).passed === (age >= 2 && age <= 12);
      }),
    );
  });

  it('property: eligible exactly when every check passed; a 13th birthday the day before the first night always fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), (offset) => {
        const firstNight = addDays('2026-06-01', offset);
        const birthDate = addMonths(addDays(firstNight, -1), -13 * 12);
        const result = evaluateShortStay(input({ firstNight, lastNight: firstNight, birthDate, beds: beds(firstNight, firstNight) }));
        return result.ageOnFirstNight === 13 && !result.eligible && result.eligible === result.checks.every((c) => c.passed);
      }),
    );
  });
});
