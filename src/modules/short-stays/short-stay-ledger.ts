import { EntityManager, QueryFailedError } from 'typeorm';
import { conflict } from '../../common/problem/problem';
import { JapanDate } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { NightBeds } from './eligibility/short-stay-eligibility';

/**
 * The bed ledger. `short_stay_nights` has one row per facility and night that
 * was ever booked, with its capacity and the count of beds taken; booking rows
 * move the count through a trigger and the table's CHECK refuses over-booking.
 *
 * Lock order, everywhere, so that no two transactions wait on each other in a
 * circle: the stay row → the facility profile (FOR SHARE to book, FOR UPDATE
 * to change capacity) → the child (advisory) → the facility's nights in date
 * order.
 */

/** Beds per night for a date range, without locking (for the pre-check and the request). */
export async function readNights(manager: EntityManager, facilityId: string, firstNight: JapanDate, lastNight: JapanDate): Promise<NightBeds[]> {
  return sqlRows<NightBeds>(
    manager,
    `SELECT s.d::date::text AS night, short_stay_capacity($1, s.d::date) AS total, coalesce(n.taken, 0) AS taken
       FROM generate_series($2::date, $3::date, interval '1 day') AS s(d)
       LEFT JOIN short_stay_nights n ON n.facility_id = $1 AND n.night = s.d::date
      ORDER BY s.d`,
    [facilityId, firstNight, lastNight],
  );
}

/**
 * Serialises per child, so that two approvals for the same child cannot both
 * pass the monthly limit. Held until the transaction ends.
 */
export async function lockChild(manager: EntityManager, childId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('short_stay_child:' || $1::text, 0))`, [childId]);
}

/**
 * Creates the night rows that do not exist yet (at the capacity in force),
 * then locks every night of the range in date order and answers their beds.
 * The facility profile must already be locked FOR SHARE by the caller, so a
 * capacity change cannot commit between computing and locking.
 */
export async function lockNights(manager: EntityManager, facilityId: string, firstNight: JapanDate, lastNight: JapanDate): Promise<NightBeds[]> {
  await manager.query(
    `INSERT INTO short_stay_nights (facility_id, night, capacity)
     SELECT $1, s.d::date, short_stay_capacity($1, s.d::date) FROM generate_series($2::date, $3::date, interval '1 day') AS s(d)
     ON CONFLICT (facility_id, night) DO NOTHING`,
    [facilityId, firstNight, lastNight],
  );
  return sqlRows<NightBeds>(
    manager,
    `SELECT night::text AS night, capacity AS total, taken FROM short_stay_nights
      WHERE facility_id = $1 AND night BETWEEN $2 AND $3 ORDER BY night FOR UPDATE`,
    [facilityId, firstNight, lastNight],
  );
}

/** Books one bed on each night of the range for the stay. The nights must be locked (`lockNights`). */
export async function bookNights(manager: EntityManager, stay: { id: string; facilityId: string; childId: string }, firstNight: JapanDate, lastNight: JapanDate): Promise<void> {
  try {
    await manager.query(
      `INSERT INTO short_stay_bookings (short_stay_id, facility_id, child_id, night)
       SELECT $1, $2, $3, s.d::date FROM generate_series($4::date, $5::date, interval '1 day') AS s(d)`,
      [stay.id, stay.facilityId, stay.childId, firstNight, lastNight],
    );
  } catch (error) {
    throw ledgerConflict(error) ?? error;
  }
}

/** Frees the stay's beds from `fromNight` on (all of them when omitted). */
export async function releaseNights(manager: EntityManager, stayId: string, fromNight?: JapanDate): Promise<number> {
  const rows = await sqlRows<{ night: string }>(
    manager,
    `DELETE FROM short_stay_bookings WHERE short_stay_id = $1 AND ($2::date IS NULL OR night >= $2::date) RETURNING night`,
    [stayId, fromNight ?? null],
  );
  return rows.length;
}

/** Nights the child holds in other stays within a range (to judge overlap and the monthly limit). */
export async function childBookedNights(manager: EntityManager, childId: string, from: JapanDate, to: JapanDate, excludeStayId: string | null): Promise<JapanDate[]> {
  const rows = await sqlRows<{ night: string }>(
    manager,
    `SELECT night::text AS night FROM short_stay_bookings
      WHERE child_id = $1 AND night BETWEEN $2 AND $3 AND ($4::uuid IS NULL OR short_stay_id <> $4::uuid) ORDER BY night`,
    [childId, from, to, excludeStayId],
  );
  return rows.map((r) => r.night);
}

/**
 * After the base beds or a dated change moved, brings the capacity of the
 * night rows in the range up to date. Refuses (409, nothing changed) when a
 * night would hold more bookings than beds. The profile must be locked FOR UPDATE.
 */
export async function recomputeCapacity(manager: EntityManager, facilityId: string, fromNight: JapanDate | null, toNight: JapanDate | null): Promise<void> {
  const affected = await sqlRows<{ night: string; taken: number; capacity: number }>(
    manager,
    `SELECT night::text AS night, taken, short_stay_capacity(facility_id, night) AS capacity FROM short_stay_nights
      WHERE facility_id = $1 AND night >= coalesce($2::date, '-infinity'::date) AND night <= coalesce($3::date, 'infinity'::date)
      ORDER BY night FOR UPDATE`,
    [facilityId, fromNight, toNight],
  );
  const overbooked = affected.filter((n) => n.taken > n.capacity);
  if (overbooked.length > 0) {
    throw conflict(
      `病床数を減らすと予約済みの泊が定員を超えます（${overbooked.map((n) => `${n.night}: 予約${n.taken}・定員${n.capacity}`).join('、')}）。先に該当の利用を取消または変更してください。`,
      { overbookedNights: overbooked.map((n) => ({ night: n.night, bedsTaken: n.taken, bedsTotal: n.capacity })) },
    );
  }
  await manager.query(
    `UPDATE short_stay_nights SET capacity = short_stay_capacity(facility_id, night)
      WHERE facility_id = $1 AND night >= coalesce($2::date, '-infinity'::date) AND night <= coalesce($3::date, 'infinity'::date)
        AND capacity <> short_stay_capacity(facility_id, night)`,
    [facilityId, fromNight, toNight],
  );
}

/** The database's own refusals, in words: a full night, or a child booked twice for a night. */
export function ledgerConflict(error: unknown): Error | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: string; constraint?: string };
  if (driver.code === '23514' && driver.constraint === 'short_stay_nights_within_capacity') {
    return conflict('空床がありません。同じ泊の最後の空床は他の利用で確保されました。日程または施設を変えて申請してください。');
  }
  if (driver.code === '23505' && driver.constraint === 'short_stay_bookings_child_night_key') {
    return conflict('この児童は同じ泊に別のショートステイが確定しています。');
  }
  return null;
}
