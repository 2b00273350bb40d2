import { addDays, ageOn, daysBetween, JapanDate } from '../../../common/time/japan-time';
import { SHORT_STAY_CHECK_LABELS, ShortStayCheckCode } from '../short-stay.enums';

/** The policy row in force on the first night (only the fields that judge a stay). */
export interface PolicyRule {
  id: string;
  effectiveFrom: JapanDate;
  minAge: number;
  maxAge: number;
  maxNightsPerStay: number;
  maxNightsPerMonth: number;
  extensionRequiresApproval: boolean;
}

export interface FacilityRule {
  active: boolean;
  minAge: number;
  maxAge: number;
}

export interface NightBeds {
  night: JapanDate;
  total: number;
  taken: number;
}

export interface EligibilityInput {
  today: JapanDate;
  firstNight: JapanDate;
  lastNight: JapanDate;
  /** The child's date of birth; null when not registered (then no age check can pass). */
  birthDate: JapanDate | null;
  policy: PolicyRule | null;
  facility: FacilityRule;
  /** Nights the child already holds in other stays (approved, in stay or completed). */
  otherBookedNights: readonly JapanDate[];
  /** Beds on each night to be booked now: every night of a new stay, only the added nights of an extension. */
  beds: readonly NightBeds[];
  /**
   * An extension (延長) of an approved stay: the per-stay limit is 原則 ("in
   * principle"), so an extension may go beyond it; the monthly limit and the
   * beds still bind.
   */
  extension?: boolean;
}

export interface EligibilityCheck {
  code: ShortStayCheckCode;
  label: string;
  passed: boolean;
  /** Japanese, for the screen. */
  message: string;
  details?: Record<string, unknown>;
}

export interface EligibilityResult {
  eligible: boolean;
  nights: number;
  ageOnFirstNight: number | null;
  policyId: string | null;
  checks: EligibilityCheck[];
}

/** Every night of a stay, first to last inclusive. */
export function nightsOf(firstNight: JapanDate, lastNight: JapanDate): JapanDate[] {
  const count = daysBetween(firstNight, lastNight) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(firstNight, i));
}

const monthOf = (night: JapanDate): string => night.slice(0, 7);

function check(code: ShortStayCheckCode, passed: boolean, message: string, details?: Record<string, unknown>): EligibilityCheck {
  return { code, label: SHORT_STAY_CHECK_LABELS[code], passed, message, ...(details ? { details } : {}) };
}

/**
 * 要支援ショートステイの利用要件: judges a stay against the policy in force on
 * its first night, the child's other stays, the facility and its free beds.
 * Pure: the caller loads the facts (under locks, at approval) and decides
 * what a failed check means (422 for rules, 409 for a bed taken meanwhile).
 */
export function evaluateShortStay(input: EligibilityInput): EligibilityResult {
  const { policy, facility } = input;
  const stayNights = nightsOf(input.firstNight, input.lastNight);
  const nights = stayNights.length;
  const age = input.birthDate ? ageOn(input.birthDate, input.firstNight) : null;
  const checks: EligibilityCheck[] = [];

  const firstToBook = input.beds.length > 0 ? input.beds.map((b) => b.night).sort()[0] : input.firstNight;
  checks.push(
    check(
      ShortStayCheckCode.NotInPast,
      firstToBook >= input.today,
      firstToBook >= input.today ? '利用開始日は本日以降です。' : `利用開始日（${firstToBook}）が過去の日付です。`,
      { firstNight: firstToBook, today: input.today },
    ),
  );

  checks.push(
    check(
      ShortStayCheckCode.PolicyInForce,
      policy !== null,
      policy ? `${policy.effectiveFrom} 施行の実施基準で判定します。` : `利用開始日（${input.firstNight}）に適用される実施基準がありません。`,
      policy ? { policyId: policy.id, effectiveFrom: policy.effectiveFrom } : undefined,
    ),
  );

  if (age === null) {
    checks.push(check(ShortStayCheckCode.AgeEligible, false, '児童の生年月日が登録されていないため年齢を判定できません。'));
  } else if (!policy) {
    checks.push(check(ShortStayCheckCode.AgeEligible, false, '実施基準がないため年齢を判定できません。', { ageOnFirstNight: age }));
  } else {
    const ok = age >= policy.minAge && age <= policy.maxAge;
    checks.push(
      check(
        ShortStayCheckCode.AgeEligible,
        ok,
        ok
          ? `利用開始日に${age}歳で、対象年齢（${policy.minAge}〜${policy.maxAge}歳）です。`
          : `利用開始日に${age}歳で、対象年齢（${policy.minAge}〜${policy.maxAge}歳）の範囲外です。`,
        { ageOnFirstNight: age, minAge: policy.minAge, maxAge: policy.maxAge },
      ),
    );
  }

  if (!policy) {
    checks.push(check(ShortStayCheckCode.StayLength, false, '実施基準がないため利用日数を判定できません。', { nights }));
    checks.push(check(ShortStayCheckCode.MonthlyLimit, false, '実施基準がないため月の利用日数を判定できません。'));
  } else {
    const within = nights <= policy.maxNightsPerStay;
    const extended = !within && input.extension === true;
    checks.push(
      check(
        ShortStayCheckCode.StayLength,
        within || extended,
        within
          ? `${nights}泊で、1回あたりの上限（${policy.maxNightsPerStay}泊）以内です。`
          : extended
            ? `延長により${nights}泊となり、原則の上限（${policy.maxNightsPerStay}泊）を超えます（延長として扱います）。`
            : `${nights}泊で、1回あたりの上限（${policy.maxNightsPerStay}泊）を超えています。超える場合は承認後の延長で対応してください。`,
        { nights, limit: policy.maxNightsPerStay, extension: extended },
      ),
    );

    const months = new Map<string, { month: string; thisStay: number; otherStays: number }>();
    for (const night of stayNights) {
      const entry = months.get(monthOf(night)) ?? { month: monthOf(night), thisStay: 0, otherStays: 0 };
      entry.thisStay += 1;
      months.set(entry.month, entry);
    }
    for (const night of input.otherBookedNights) {
      const entry = months.get(monthOf(night));
      if (entry) entry.otherStays += 1;
    }
    const perMonth = [...months.values()].map((m) => ({ ...m, total: m.thisStay + m.otherStays, limit: policy.maxNightsPerMonth }));
    const over = perMonth.filter((m) => m.total > m.limit);
    checks.push(
      check(
        ShortStayCheckCode.MonthlyLimit,
        over.length === 0,
        over.length === 0
          ? `各月の利用日数は上限（月${policy.maxNightsPerMonth}泊）以内です。`
          : over.map((m) => `${m.month}: 他の利用${m.otherStays}泊と合わせて${m.total}泊となり、月${m.limit}泊を超えます。`).join(' '),
        { months: perMonth },
      ),
    );
  }

  const booked = new Set(input.otherBookedNights);
  const overlapping = stayNights.filter((night) => booked.has(night));
  checks.push(
    check(
      ShortStayCheckCode.NoOverlap,
      overlapping.length === 0,
      overlapping.length === 0 ? '他のショートステイと日程が重なっていません。' : `他のショートステイと日程が重なっています（${overlapping.join('、')}）。`,
      overlapping.length ? { nights: overlapping } : undefined,
    ),
  );

  checks.push(check(ShortStayCheckCode.FacilityAccepting, facility.active, facility.active ? '施設は受入中です。' : '施設は現在受入を停止しています。'));

  if (age === null) {
    checks.push(check(ShortStayCheckCode.FacilityAgeRange, false, '生年月日が未登録のため施設の受入年齢を判定できません。', { minAge: facility.minAge, maxAge: facility.maxAge }));
  } else {
    const ok = age >= facility.minAge && age <= facility.maxAge;
    checks.push(
      check(
        ShortStayCheckCode.FacilityAgeRange,
        ok,
        ok ? `施設の受入年齢（${facility.minAge}〜${facility.maxAge}歳）です。` : `施設の受入年齢（${facility.minAge}〜${facility.maxAge}歳）の範囲外です（${age}歳）。`,
        { ageOnFirstNight: age, minAge: facility.minAge, maxAge: facility.maxAge },
      ),
    );
  }

  const full = input.beds.filter((b) => b.total - b.taken < 1).map((b) => b.night).sort();
  checks.push(
    check(
      ShortStayCheckCode.BedsFree,
      full.length === 0 && input.beds.length > 0,
      full.length === 0 ? '全ての泊に空床があります。' : `空床がない泊があります（${full.join('、')}）。`,
      { fullNights: full, nights: input.beds.map((b) => ({ night: b.night, bedsTotal: b.total, bedsTaken: b.taken, bedsFree: Math.max(0, b.total - b.taken) })) },
    ),
  );

  return { eligible: checks.every((c) => c.passed), nights, ageOnFirstNight: age, policyId: policy?.id ?? null, checks };
}

/** The policy row in force on a date: the latest one effective on or before it. */
export function policyInForce<T extends { effectiveFrom: JapanDate }>(rows: readonly T[], on: JapanDate): T | null {
  let best: T | null = null;
  for (const row of rows) {
    if (row.effectiveFrom <= on && (!best || row.effectiveFrom > best.effectiveFrom)) best = row;
  }
  return best;
}
