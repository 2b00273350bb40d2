import { FEE_EXEMPT_HOUSEHOLDS, HouseholdStatus } from './short-stay.enums';

export interface ShortStayFee {
  feeYen: number;
  /** Days of use: check-in day to check-out day, i.e. nights + 1 (2泊3日 = 3日分). */
  days: number;
  dailyRateYen: number;
  exempt: boolean;
}

/**
 * 利用者負担額. Households on 生活保護 or exempt from resident tax pay nothing,
 * whatever the fee table says: the exemption is the rule, the table only
 * prices the others. `dailyRateYen` is the table's rate in force on the first
 * night for the facility type and household status (null when none exists).
 */
export function computeShortStayFee(householdStatus: HouseholdStatus, nights: number, dailyRateYen: number | null): ShortStayFee | null {
  const days = nights + 1;
  if (FEE_EXEMPT_HOUSEHOLDS.includes(householdStatus)) return { feeYen: 0, days, dailyRateYen: 0, exempt: true };
  if (dailyRateYen === null) return null;
  return { feeYen: dailyRateYen * days, days, dailyRateYen, exempt: false };
}
