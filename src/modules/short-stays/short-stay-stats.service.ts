import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/auth/actor';
import { fiscalYearLabel, fiscalYearOf, fiscalYearRange, todayInJapan } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { FacilityType } from '../facilities/facility.entity';
import { ShortStayStatsView } from './dto/short-stay-board.view';
import { SHORT_STAY_AGE_BAND_LABELS, SHORT_STAY_REJECTION_REASON_LABELS, ShortStayAgeBand, ShortStayRejectionReason } from './short-stay.enums';

/** Age band of an age expression, in SQL; the same bands as `ageBandOf`. */
const AGE_BAND_SQL = (age: string) =>
  `CASE WHEN ${age} <= 1 THEN '${ShortStayAgeBand.Infant}' WHEN ${age} <= 5 THEN '${ShortStayAgeBand.Preschool}' WHEN ${age} <= 12 THEN '${ShortStayAgeBand.School}' ELSE '${ShortStayAgeBand.Teen}' END`;
/** `$1` is the office, or NULL for the ward (folded away by the planner, which sees the value). */
const OFFICE = (column: string) => `($1::uuid IS NULL OR ${column} = $1::uuid)`;
const AGE_ON_FIRST_NIGHT = `date_part('year', age(s.first_night, p.birth_date))::int`;

/**
 * The measures of the programme (DOMAIN.md §6) for one office and fiscal
 * year, each from one set-based query. A stay belongs to the fiscal year of
 * its first night; nights are counted in the year they fall in.
 *
 * - requests: stays whose first night is in the year, in any state;
 * - approved: of those, the ones a supervisor approved (policy_id is set at
 *   approval), including stays cancelled after approval;
 * - nightsBooked: booked nights (approved, in stay, completed) falling in the year;
 * - nightsUsed: nights of stays that began (in stay, completed) up to today;
 * - children / byAgeBand: distinct children with an approved stay, by age on
 *   the first night of their first stay of the year; stays by age likewise;
 * - occupancy: per facility, bed-nights available against bed-nights taken
 *   (all offices, and this office) over the elapsed part of the year.
 */
@Injectable()
export class ShortStayStatsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stats(actor: Actor, fiscalYear = fiscalYearOf(todayInJapan())): Promise<ShortStayStatsView> {
    return this.statsFor(actor.officeId, fiscalYear);
  }

  /**
   * The same measures for one office, or for the whole ward when `office` is
   * null (the measures module's ward-wide report; occupancy is per facility
   * either way, and "by office" then means every office).
   */
  async statsFor(office: string | null, fiscalYear: number): Promise<ShortStayStatsView> {
    const { firstDay, lastDay } = fiscalYearRange(fiscalYear);
    const today = todayInJapan();
    const occupancyUntil = today < lastDay ? today : lastDay;
    const inYear = [office, firstDay, lastDay];

    const [counts] = await sqlRows<{ requests: number; approved: number; rejected: number; cancelled: number; pending: number; completed: number }>(
      this.dataSource,
      `SELECT count(*)::int AS requests,
              count(*) FILTER (WHERE policy_id IS NOT NULL)::int AS approved,
              count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE status = 'requested')::int AS pending,
              count(*) FILTER (WHERE status = 'completed')::int AS completed
         FROM short_stays WHERE ${OFFICE('office_id')} AND first_night BETWEEN $2 AND $3`,
      inYear,
    );

    const rejections = await sqlRows<{ reason: ShortStayRejectionReason; count: number }>(
      this.dataSource,
      `SELECT rejection_reason AS reason, count(*)::int AS count FROM short_stays
        WHERE ${OFFICE('office_id')} AND first_night BETWEEN $2 AND $3 AND status = 'rejected'
        GROUP BY rejection_reason ORDER BY count DESC, rejection_reason`,
      inYear,
    );

    const [nights] = await sqlRows<{ booked: number; used: number }>(
      this.dataSource,
      `SELECT count(*)::int AS booked,
              count(*) FILTER (WHERE s.status IN ('in_stay', 'completed') AND b.night <= $4)::int AS used
         FROM short_stay_bookings b JOIN short_stays s ON s.id = b.short_stay_id
        WHERE ${OFFICE('s.office_id')} AND b.night BETWEEN $2 AND $3`,
      [...inYear, today],
    );

    const bands = await sqlRows<{ band: ShortStayAgeBand; children: number; stays: number }>(
      this.dataSource,
      `WITH approved AS (
         SELECT s.child_id, s.first_night, ${AGE_BAND_SQL(AGE_ON_FIRST_NIGHT)} AS band
           FROM short_stays s JOIN persons p ON p.id = s.child_id
          WHERE ${OFFICE('s.office_id')} AND s.first_night BETWEEN $2 AND $3 AND s.policy_id IS NOT NULL AND p.birth_date IS NOT NULL
       ),
       first_stays AS (SELECT DISTINCT ON (child_id) child_id, band FROM approved ORDER BY child_id, first_night)
       SELECT band, sum(children)::int AS children, sum(stays)::int AS stays FROM (
         SELECT band, count(*) AS children, 0 AS stays FROM first_stays GROUP BY band
         UNION ALL
         SELECT band, 0, count(*) FROM approved GROUP BY band
       ) x GROUP BY band`,
      inYear,
    );

    const occupancy = await sqlRows<{ facility_id: string; name: string; type: FacilityType; bed_nights: number; nights_taken: number; nights_taken_by_office: number }>(
      this.dataSource,
      `WITH nights AS (SELECT d::date AS night FROM generate_series($2::date, $3::date, interval '1 day') AS g(d)),
       fac AS (SELECT p.facility_id, p.base_beds, f.name, f.type FROM short_stay_facility_profiles p JOIN facilities f ON f.id = p.facility_id),
       capacity AS (
         SELECT fac.facility_id, n.night, greatest(0, fac.base_beds + coalesce(sum(c.bed_delta), 0)) AS beds
           FROM fac CROSS JOIN nights n
           LEFT JOIN short_stay_capacity_changes c
             ON c.facility_id = fac.facility_id AND n.night >= c.first_night AND n.night <= coalesce(c.last_night, 'infinity'::date)
          GROUP BY fac.facility_id, fac.base_beds, n.night
       ),
       bed_nights AS (SELECT facility_id, sum(beds)::int AS bed_nights FROM capacity GROUP BY facility_id),
       taken AS (
         SELECT b.facility_id, count(*)::int AS nights_taken, count(*) FILTER (WHERE ${OFFICE('s.office_id')})::int AS nights_taken_by_office
           FROM short_stay_bookings b JOIN short_stays s ON s.id = b.short_stay_id
          WHERE b.night BETWEEN $2 AND $3
          GROUP BY b.facility_id
       )
       SELECT fac.facility_id, fac.name, fac.type, coalesce(bn.bed_nights, 0) AS bed_nights,
              coalesce(t.nights_taken, 0) AS nights_taken, coalesce(t.nights_taken_by_office, 0) AS nights_taken_by_office
         FROM fac LEFT JOIN bed_nights bn ON bn.facility_id = fac.facility_id LEFT JOIN taken t ON t.facility_id = fac.facility_id
        ORDER BY fac.type, fac.name, fac.facility_id`,
      [office, firstDay, occupancyUntil],
    );

    const months = await sqlRows<{ month: string; requests: number; approved: number; nights_booked: number }>(
      this.dataSource,
      `WITH months AS (SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series($2::date, $3::date, interval '1 month') AS g(m)),
       stays AS (
         SELECT to_char(first_night, 'YYYY-MM') AS month, count(*)::int AS requests, count(*) FILTER (WHERE policy_id IS NOT NULL)::int AS approved
           FROM short_stays WHERE ${OFFICE('office_id')} AND first_night BETWEEN $2 AND $3 GROUP BY 1
       ),
       nights AS (
         SELECT to_char(b.night, 'YYYY-MM') AS month, count(*)::int AS nights_booked
           FROM short_stay_bookings b JOIN short_stays s ON s.id = b.short_stay_id
          WHERE ${OFFICE('s.office_id')} AND b.night BETWEEN $2 AND $3 GROUP BY 1
       )
       SELECT months.month, coalesce(stays.requests, 0) AS requests, coalesce(stays.approved, 0) AS approved, coalesce(nights.nights_booked, 0) AS nights_booked
         FROM months LEFT JOIN stays USING (month) LEFT JOIN nights USING (month) ORDER BY months.month`,
      inYear,
    );

    const bandOf = new Map(bands.map((b) => [b.band, b]));
    return {
      fiscalYear,
      fiscalYearLabel: fiscalYearLabel(fiscalYear),
      officeId: office,
      firstDay,
      lastDay,
      occupancyUntil,
      ...counts,
      rejectionsByReason: rejections.map((r) => ({ reason: r.reason, label: SHORT_STAY_REJECTION_REASON_LABELS[r.reason], count: r.count })),
      nightsBooked: nights.booked,
      nightsUsed: nights.used,
      children: bands.reduce((sum, b) => sum + b.children, 0),
      byAgeBand: Object.values(ShortStayAgeBand).map((band) => ({
        band,
        label: SHORT_STAY_AGE_BAND_LABELS[band],
        children: bandOf.get(band)?.children ?? 0,
        stays: bandOf.get(band)?.stays ?? 0,
      })),
      occupancy: occupancy.map((o) => ({
        facilityId: o.facility_id,
        name: o.name,
        type: o.type,
        bedNights: o.bed_nights,
        nightsTaken: o.nights_taken,
        nightsTakenByOffice: o.nights_taken_by_office,
        occupancyRate: o.bed_nights > 0 ? Math.round((o.nights_taken / o.bed_nights) * 1000) / 1000 : null,
      })),
      byMonth: months.map((m) => ({ month: m.month, requests: m.requests, approved: m.approved, nightsBooked: m.nights_booked })),
    };
  }
}
