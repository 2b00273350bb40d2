import { computeShortStayFee } from './short-stay-fee';
import { HouseholdStatus } from './short-stay.enums';

describe('computeShortStayFee', () => {
  it('charges the daily rate per day of use (nights + 1)', () => {
    expect(computeShortStayFee(HouseholdStatus.Taxed, 2, 3000)).toEqual({ feeYen: 9000, days: 3, dailyRateYen: 3000, exempt: false });
  });
  it.each([HouseholdStatus.PublicAssistance, HouseholdStatus.ResidentTaxExempt])('%s households are free, whatever the table says', (status) => {
    expect(computeShortStayFee(status, 6, 5000)).toEqual({ feeYen: 0, days: 7, dailyRateYen: 0, exempt: true });
    expect(computeShortStayFee(status, 6, null)).toEqual({ feeYen: 0, days: 7, dailyRateYen: 0, exempt: true });
  });
  it('answers null when a taxed household has no rate in force', () => {
    expect(computeShortStayFee(HouseholdStatus.Taxed, 1, null)).toBeNull();
  });
});
