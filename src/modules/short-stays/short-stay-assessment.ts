import { EntityManager } from 'typeorm';
import { validationFailed } from '../../common/problem/problem';
import { addDays, addMonths, daysBetween, JapanDate } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { FacilityType, SHORT_STAY_FACILITY_TYPES } from '../facilities/facility.entity';
import { EligibilityResult, evaluateShortStay, PolicyRule } from './eligibility/short-stay-eligibility';
import { childBookedNights, lockChild, lockNights, readNights } from './short-stay-ledger';

/** A short-stay facility as the rules need it. */
export interface ShortStayFacilityFacts {
  id: string;
  type: FacilityType;
  name: string;
  officeId: string;
  active: boolean;
  minAge: number;
  maxAge: number;
  baseBeds: number;
}

export interface Assessment extends EligibilityResult {
  policy: PolicyRule | null;
}

/**
 * Loads the facilities registry row and its short-stay profile. A facility of
 * another type, or one without a profile, cannot take a short stay (400 on
 * the field). `lock` takes the profile FOR SHARE (bookings) or FOR UPDATE
 * (capacity changes), see the lock order in short-stay-ledger.ts.
 */
export async function loadShortStayFacility(manager: EntityManager, facilityId: string, lock?: 'share' | 'update'): Promise<ShortStayFacilityFacts> {
  const rows = await sqlRows<ShortStayFacilityFacts>(
    manager,
    `SELECT f.id, f.type, f.name, f.office_id AS "officeId", f.active, p.min_age AS "minAge", p.max_age AS "maxAge", p.base_beds AS "baseBeds"
       FROM short_stay_facility_profiles p JOIN facilities f ON f.id = p.facility_id
      WHERE p.facility_id = $1 ${lock === 'share' ? 'FOR SHARE OF p' : lock === 'update' ? 'FOR UPDATE OF p' : ''}`,
    [facilityId],
  );
  const facility = rows[0];
  if (!facility || !SHORT_STAY_FACILITY_TYPES.includes(facility.type)) {
    throw validationFailed([{ field: 'facilityId', code: 'not_a_short_stay_facility', message: 'ショートステイの受入施設として登録された施設ではありません。' }]);
  }
  return facility;
}

/** The child must be a child member of the case; answers the date of birth (null when unknown). */
export async function loadChildOfCase(manager: EntityManager, caseId: string, childId: string): Promise<{ birthDate: JapanDate | null }> {
  const rows = await sqlRows<{ birth_date: string | null }>(
    manager,
    `SELECT p.birth_date FROM case_members m JOIN persons p ON p.id = m.person_id
      WHERE m.case_id = $1 AND m.person_id = $2 AND m.relationship = 'child'`,
    [caseId, childId],
  );
  if (!rows[0]) throw validationFailed([{ field: 'childId', code: 'not_a_child_of_case', message: 'このケースの児童ではありません。' }]);
  return { birthDate: rows[0].birth_date };
}

/** The policy row in force on a date (the latest effective on or before it). */
export async function policyInForceOn(manager: EntityManager, on: JapanDate): Promise<PolicyRule | null> {
  const rows = await sqlRows<PolicyRule>(
    manager,
    `SELECT id, effective_from::text AS "effectiveFrom", min_age AS "minAge", max_age AS "maxAge", max_nights_per_stay AS "maxNightsPerStay",
            max_nights_per_month AS "maxNightsPerMonth", extension_requires_approval AS "extensionRequiresApproval"
       FROM short_stay_policies WHERE effective_from <= $1 ORDER BY effective_from DESC LIMIT 1`,
    [on],
  );
  return rows[0] ?? null;
}

export interface AssessArgs {
  today: JapanDate;
  childId: string;
  birthDate: JapanDate | null;
  facility: ShortStayFacilityFacts;
  firstNight: JapanDate;
  lastNight: JapanDate;
  /** The stay being judged, whose own bookings do not count against it. */
  stayId?: string;
  /** Extension: only the nights from here on are booked now. */
  bookFrom?: JapanDate;
  /**
   * At approval and extension: serialise on the child and lock the nights to
   * book, so the answer still holds when the caller books them. The caller
   * must already hold the facility profile FOR SHARE.
   */
  lock: boolean;
}

/**
 * A sanity bound on the nights booked at once (a new stay, or the nights an
 * extension adds): three months, far beyond a short stay (7 nights in
 * principle, at most 31 a calendar month). They are read, and at approval
 * locked, one row per night: a mistyped year would otherwise have the
 * database walk thousands of years of nights.
 */
export const MAX_NIGHTS_BOOKED_AT_ONCE = 92;

/** Gathers the facts and runs the pure rules (`evaluateShortStay`). */
export async function assessShortStay(manager: EntityManager, args: AssessArgs): Promise<Assessment> {
  const bookFrom = args.bookFrom ?? args.firstNight;
  if (daysBetween(bookFrom, args.lastNight) + 1 > MAX_NIGHTS_BOOKED_AT_ONCE) {
    throw validationFailed([{ field: 'lastNight', code: 'too_long', message: `一度に確保できるのは${MAX_NIGHTS_BOOKED_AT_ONCE}泊までです。日付を確認してください。` }]);
  }
  if (args.lock) await lockChild(manager, args.childId);
  const policy = await policyInForceOn(manager, args.firstNight);
  // The monthly limit looks at whole calendar months touched by the stay.
  const monthStart = `${args.firstNight.slice(0, 7)}-01`;
  const monthEnd = addDays(`${addMonths(`${args.lastNight.slice(0, 7)}-01`, 1)}`, -1);
  const otherBookedNights = await childBookedNights(manager, args.childId, monthStart, monthEnd, args.stayId ?? null);
  const beds = args.lock ? await lockNights(manager, args.facility.id, bookFrom, args.lastNight) : await readNights(manager, args.facility.id, bookFrom, args.lastNight);
  const result = evaluateShortStay({
    today: args.today,
    firstNight: args.firstNight,
    lastNight: args.lastNight,
    birthDate: args.birthDate,
    policy,
    facility: { active: args.facility.active, minAge: args.facility.minAge, maxAge: args.facility.maxAge },
    otherBookedNights,
    beds,
    extension: args.bookFrom !== undefined,
  });
  return { ...result, policy };
}
