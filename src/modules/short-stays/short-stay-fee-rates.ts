import { EntityManager } from 'typeorm';
import { JapanDate } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { FacilityType } from '../facilities/facility.entity';
import { computeShortStayFee, ShortStayFee } from './short-stay-fee';
import { HouseholdStatus } from './short-stay.enums';

/** The daily rate in force on a date for a facility type and household status (null when the table has none). */
export async function dailyRateInForce(manager: EntityManager, facilityType: FacilityType, householdStatus: HouseholdStatus, on: JapanDate): Promise<number | null> {
  const rows = await sqlRows<{ daily_fee_yen: number }>(
    manager,
    `SELECT daily_fee_yen FROM short_stay_fee_rates
      WHERE facility_type = $1 AND household_status = $2 AND effective_from <= $3
      ORDER BY effective_from DESC LIMIT 1`,
    [facilityType, householdStatus, on],
  );
  return rows[0]?.daily_fee_yen ?? null;
}

/** The fee of a stay: the rate in force on its first night, exemptions applied. Null when no rate exists. */
export async function feeForStay(manager: EntityManager, facilityType: FacilityType, householdStatus: HouseholdStatus, firstNight: JapanDate, nights: number): Promise<ShortStayFee | null> {
  return computeShortStayFee(householdStatus, nights, await dailyRateInForce(manager, facilityType, householdStatus, firstNight));
}
