import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { validationFailed } from '../../common/problem/problem';
import { addDays, daysBetween, todayInJapan } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { FACILITY_TYPE_LABELS, FacilityType } from '../facilities/facility.entity';
import { VacancyQuery } from './dto/short-stay-query.dto';
import { VacancyBoardView, VacancyFacilityView } from './dto/short-stay-board.view';

export const MAX_BOARD_NIGHTS = 92;
const DEFAULT_BOARD_NIGHTS = 14;

/**
 * 空床状況: beds total / taken / free per facility and night, in one
 * set-based query (facilities × generate_series of nights, capacity from the
 * base and the dated changes, taken from the bookings). Counts only, no case
 * data, so every casework user of any office sees the whole ward's board.
 */
@Injectable()
export class ShortStayVacancyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async board(query: VacancyQuery): Promise<VacancyBoardView> {
    const from = query.from ?? todayInJapan();
    const to = query.to ?? addDays(from, DEFAULT_BOARD_NIGHTS - 1);
    if (to < from) throw validationFailed([{ field: 'to', code: 'before_from', message: '終了日は開始日以降にしてください。' }]);
    if (daysBetween(from, to) + 1 > MAX_BOARD_NIGHTS) {
      throw validationFailed([{ field: 'to', code: 'range_too_long', message: `表示できるのは${MAX_BOARD_NIGHTS}泊分までです。` }]);
    }
    const rows = await sqlRows<{
      facility_id: string;
      name: string;
      type: FacilityType;
      min_age: number;
      max_age: number;
      night: string;
      beds_total: number;
      beds_taken: number;
    }>(
      this.dataSource,
      `WITH fac AS (
         SELECT p.facility_id, p.base_beds, p.min_age, p.max_age, f.name, f.type
           FROM short_stay_facility_profiles p JOIN facilities f ON f.id = p.facility_id
          WHERE f.active
            AND ($3::uuid IS NULL OR f.id = $3)
            AND ($4::facility_type IS NULL OR f.type = $4)
            AND ($5::int IS NULL OR $5 BETWEEN p.min_age AND p.max_age)
       ),
       nights AS (SELECT d::date AS night FROM generate_series($1::date, $2::date, interval '1 day') AS g(d)),
       capacity AS (
         SELECT fac.facility_id, n.night, greatest(0, fac.base_beds + coalesce(sum(c.bed_delta), 0))::int AS beds_total
           FROM fac CROSS JOIN nights n
           LEFT JOIN short_stay_capacity_changes c
             ON c.facility_id = fac.facility_id AND n.night >= c.first_night AND n.night <= coalesce(c.last_night, 'infinity'::date)
          GROUP BY fac.facility_id, fac.base_beds, n.night
       ),
       taken AS (
         SELECT b.facility_id, b.night, count(*)::int AS beds_taken
           FROM short_stay_bookings b
          WHERE b.night BETWEEN $1 AND $2 AND b.facility_id IN (SELECT facility_id FROM fac)
          GROUP BY b.facility_id, b.night
       )
       SELECT fac.facility_id, fac.name, fac.type, fac.min_age, fac.max_age, cap.night::text AS night, cap.beds_total, coalesce(t.beds_taken, 0) AS beds_taken
         FROM fac
         JOIN capacity cap ON cap.facility_id = fac.facility_id
         LEFT JOIN taken t ON t.facility_id = cap.facility_id AND t.night = cap.night
        ORDER BY fac.type, fac.name, fac.facility_id, cap.night`,
      [from, to, query.facilityId ?? null, query.facilityType ?? null, query.age ?? null],
    );
    const facilities = new Map<string, VacancyFacilityView>();
    for (const row of rows) {
      let facility = facilities.get(row.facility_id);
      if (!facility) {
        facility = {
          facilityId: row.facility_id,
          name: row.name,
          type: row.type,
          typeLabel: FACILITY_TYPE_LABELS[row.type],
          minAge: row.min_age,
          maxAge: row.max_age,
          nightsWithFreeBed: 0,
          nights: [],
        };
        facilities.set(row.facility_id, facility);
      }
      const bedsFree = Math.max(0, row.beds_total - row.beds_taken);
      if (bedsFree > 0) facility.nightsWithFreeBed += 1;
      facility.nights.push({ night: row.night, bedsTotal: row.beds_total, bedsTaken: row.beds_taken, bedsFree });
    }
    return { from, to, facilities: [...facilities.values()] };
  }
}
