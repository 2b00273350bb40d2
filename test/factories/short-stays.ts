import { DataSource } from 'typeorm';
import { addDays, daysBetween } from '../../src/common/time/japan-time';
import { bookNights, lockNights } from '../../src/modules/short-stays/short-stay-ledger';
import { feeForStay } from '../../src/modules/short-stays/short-stay-fee-rates';
import { policyInForceOn } from '../../src/modules/short-stays/short-stay-assessment';
import { FacilityType } from '../../src/modules/facilities/facility.entity';
import { HouseholdStatus } from '../../src/modules/short-stays/short-stay.enums';
import { createFacility } from './casework';

/** A 児童養護施設 / 乳児院 / 協力家庭 with its short-stay profile. */
export async function createShortStayFacility(
  db: DataSource,
  spec: { officeId: string; type?: 'childrens_home' | 'infant_home' | 'foster_home'; minAge?: number; maxAge?: number; baseBeds?: number; name?: string },
): Promise<string> {
  const id = await createFacility(db, { officeId: spec.officeId, type: spec.type ?? 'childrens_home', name: spec.name });
  await db.query(`INSERT INTO short_stay_facility_profiles (facility_id, min_age, max_age, base_beds) VALUES ($1, $2, $3, $4)`, [
    id,
    spec.minAge ?? 2,
    spec.maxAge ?? 17,
    spec.baseBeds ?? 2,
  ]);
  return id;
}

export interface ShortStaySpec {
  officeId: string;
  caseId: string;
  childId: string;
  facilityId: string;
  firstNight: string;
  lastNight: string;
  requestedBy: string;
  /** Required for approved, in_stay and completed. */
  decidedBy?: string;
  status?: 'requested' | 'approved' | 'in_stay' | 'completed' | 'rejected' | 'cancelled';
  householdStatus?: `${HouseholdStatus}`;
  rejectionReason?: string;
}

/**
 * A stay in any state on any dates (past ones included), written straight to
 * the database with the same bed ledger the service uses, so capacity and the
 * booking trigger behave as in production. Skips the request rules on purpose.
 */
export async function createShortStayRecord(db: DataSource, spec: ShortStaySpec): Promise<string> {
  const status = spec.status ?? 'requested';
  const booked = status === 'approved' || status === 'in_stay' || status === 'completed';
  const decided = booked || status === 'rejected';
  return db.transaction(async (manager) => {
    const policy = booked ? await policyInForceOn(manager, spec.firstNight) : null;
    const facilityType = (await manager.query(`SELECT type FROM facilities WHERE id = $1`, [spec.facilityId]))[0].type as FacilityType;
    const household = (spec.householdStatus ?? 'taxed') as HouseholdStatus;
    const fee = booked ? await feeForStay(manager, facilityType, household, spec.firstNight, daysBetween(spec.firstNight, spec.lastNight) + 1) : null;
    const completed = status === 'completed';
    const [row] = await manager.query(
      `INSERT INTO short_stays (office_id, case_id, child_id, facility_id, first_night, last_night, status, reason, household_status,
                                guardian_consent_on, guardian_consent_by, contact_during_stay, requested_by, policy_id, decided_by, decided_at,
                                rejection_reason, fee_yen, fee_daily_rate_yen, fee_days, fee_exempt, checked_in_at, returned_on, return_checked_on,
                                return_checked_by, child_condition, cancel_reason, cancelled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '試験用の申請', $8, $5, '母', '母 携帯', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21, $22, $23)
       RETURNING id`,
      [
        spec.officeId,
        spec.caseId,
        spec.childId,
        spec.facilityId,
        spec.firstNight,
        spec.lastNight,
        status,
        household,
        spec.requestedBy,
        policy?.id ?? null,
        decided ? spec.decidedBy : null,
        decided ? new Date() : null,
        status === 'rejected' ? (spec.rejectionReason ?? 'other') : null,
        fee?.feeYen ?? null,
        fee?.dailyRateYen ?? null,
        fee?.days ?? null,
        fee?.exempt ?? null,
        status === 'in_stay' || completed ? new Date() : null,
        completed ? addDays(spec.lastNight, 1) : null,
        completed ? spec.decidedBy : null,
        completed ? '元気に過ごしている' : null,
        status === 'cancelled' ? '試験用の取消' : null,
        status === 'cancelled' ? new Date() : null,
      ],
    );
    if (booked) {
      await lockNights(manager, spec.facilityId, spec.firstNight, spec.lastNight);
      await bookNights(manager, { id: row.id, facilityId: spec.facilityId, childId: spec.childId }, spec.firstNight, spec.lastNight);
    }
    return row.id as string;
  });
}
