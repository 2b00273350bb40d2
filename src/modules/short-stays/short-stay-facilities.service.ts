import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { Actor } from '../../common/auth/actor';
import { forbidden, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { todayInJapan } from '../../common/time/japan-time';
import { sqlRows } from '../../database/sql';
import { FACILITY_TYPE_LABELS, FacilityType, SHORT_STAY_FACILITY_TYPES } from '../facilities/facility.entity';
import { CreateCapacityChangeDto, PutShortStayFacilityProfileDto, ShortStayFacilitiesQuery } from './dto/short-stay-settings.dto';
import { CapacityChangeView, ShortStayFacilityView } from './dto/short-stay-settings.view';
import { recomputeCapacity } from './short-stay-ledger';

interface FacilityRow {
  id: string;
  name: string;
  type: FacilityType;
  office_id: string;
  active: boolean;
  address: string | null;
  phone: string | null;
  min_age: number | null;
  max_age: number | null;
  base_beds: number | null;
  beds_tonight: number | null;
  notes: string | null;
  version: number | null;
}

const FACILITY_SELECT = `
  SELECT f.id, f.name, f.type, f.office_id, f.active, f.address, f.phone,
         p.min_age, p.max_age, p.base_beds, p.notes, p.version,
         CASE WHEN p.facility_id IS NULL THEN NULL ELSE short_stay_capacity(f.id, $1::date) END AS beds_tonight
    FROM facilities f LEFT JOIN short_stay_facility_profiles p ON p.facility_id = f.id`;

/**
 * The short-stay side of the facilities registry (the registry itself is the
 * facilities module's): ages accepted, beds per night, dated bed changes.
 * Facilities serve the whole ward, so every casework user reads them; admins
 * and the supervisors of the facility's office maintain them.
 */
@Injectable()
export class ShortStayFacilitiesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly access: AccessService) {}

  async list(query: ShortStayFacilitiesQuery): Promise<ShortStayFacilityView[]> {
    const params: unknown[] = [todayInJapan(), [...SHORT_STAY_FACILITY_TYPES]];
    const where = [`f.type = ANY ($2::facility_type[])`, `f.active`];
    if (query.type) {
      params.push(query.type);
      where.push(`f.type = $${params.length}`);
    }
    if (query.configured !== undefined) where.push(query.configured ? `p.facility_id IS NOT NULL` : `p.facility_id IS NULL`);
    const rows = await sqlRows<FacilityRow>(this.dataSource, `${FACILITY_SELECT} WHERE ${where.join(' AND ')} ORDER BY f.type, f.name, f.id`, params);
    return rows.map(toView);
  }

  async get(facilityId: string): Promise<ShortStayFacilityView> {
    const row = await this.load(this.dataSource.manager, facilityId);
    const changes = await sqlRows<CapacityChangeView>(
      this.dataSource,
      `SELECT id, first_night::text AS "firstNight", last_night::text AS "lastNight", bed_delta AS "bedDelta", reason, created_at AS "createdAt"
         FROM short_stay_capacity_changes WHERE facility_id = $1 ORDER BY first_night DESC, created_at DESC`,
      [facilityId],
    );
    return { ...toView(row), capacityChanges: changes };
  }

  /** Creates the profile, or changes it (with the version loaded). New base beds apply to every night; a dated change is the tool for "from next month". */
  async putProfile(actor: Actor, facilityId: string, dto: PutShortStayFacilityProfileDto): Promise<ShortStayFacilityView> {
    if (dto.minAge > dto.maxAge) throw validationFailed([{ field: 'maxAge', code: 'below_min_age', message: '受入年齢の上限は下限以上にしてください。' }]);
    await this.dataSource.transaction(async (manager) => {
      const facility = await this.load(manager, facilityId);
      this.assertMaintainer(actor, facility);
      const existing = await sqlRows<{ version: number }>(manager, `SELECT version FROM short_stay_facility_profiles WHERE facility_id = $1 FOR UPDATE`, [facilityId]);
      if (existing[0]) {
        if (dto.version === undefined) throw validationFailed([{ field: 'version', code: 'required', message: '既存の設定を変更するときは version を指定してください。' }]);
        if (dto.version !== existing[0].version) throw versionConflict();
        await manager.query(
          `UPDATE short_stay_facility_profiles SET min_age = $2, max_age = $3, base_beds = $4, notes = $5, updated_by = $6, version = version + 1, updated_at = now()
            WHERE facility_id = $1`,
          [facilityId, dto.minAge, dto.maxAge, dto.baseBeds, dto.notes ?? null, actor.userId],
        );
        await recomputeCapacity(manager, facilityId, null, null);
      } else {
        await manager.query(
          `INSERT INTO short_stay_facility_profiles (facility_id, min_age, max_age, base_beds, notes, updated_by) VALUES ($1, $2, $3, $4, $5, $6)`,
          [facilityId, dto.minAge, dto.maxAge, dto.baseBeds, dto.notes ?? null, actor.userId],
        );
      }
    });
    return this.get(facilityId);
  }

  /** A bed out of service (or an extra bed) for some nights; refused (409) when nights already booked would exceed the beds. */
  async addCapacityChange(actor: Actor, facilityId: string, dto: CreateCapacityChangeDto): Promise<ShortStayFacilityView> {
    if (dto.bedDelta === 0) throw validationFailed([{ field: 'bedDelta', code: 'zero', message: '増減する病床数を指定してください。' }]);
    if (dto.lastNight && dto.lastNight < dto.firstNight) {
      throw validationFailed([{ field: 'lastNight', code: 'before_first_night', message: '終了日は開始日以降にしてください。' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      await this.lockProfile(manager, actor, facilityId);
      await manager.query(
        `INSERT INTO short_stay_capacity_changes (facility_id, first_night, last_night, bed_delta, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [facilityId, dto.firstNight, dto.lastNight ?? null, dto.bedDelta, dto.reason, actor.userId],
      );
      await recomputeCapacity(manager, facilityId, dto.firstNight, dto.lastNight ?? null);
    });
    return this.get(facilityId);
  }

  async removeCapacityChange(actor: Actor, facilityId: string, changeId: string): Promise<ShortStayFacilityView> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockProfile(manager, actor, facilityId);
      const removed = await sqlRows<{ first_night: string; last_night: string | null }>(
        manager,
        `DELETE FROM short_stay_capacity_changes WHERE id = $1 AND facility_id = $2 RETURNING first_night, last_night`,
        [changeId, facilityId],
      );
      if (!removed[0]) throw notFound('capacity change');
      await recomputeCapacity(manager, facilityId, removed[0].first_night, removed[0].last_night);
    });
    return this.get(facilityId);
  }

  /** Locks the profile FOR UPDATE (capacity changes wait for approvals in flight, and the reverse). */
  private async lockProfile(manager: EntityManager, actor: Actor, facilityId: string): Promise<void> {
    const facility = await this.load(manager, facilityId);
    this.assertMaintainer(actor, facility);
    const locked = await sqlRows<{ facility_id: string }>(manager, `SELECT facility_id FROM short_stay_facility_profiles WHERE facility_id = $1 FOR UPDATE`, [facilityId]);
    if (!locked[0]) throw validationFailed([{ field: 'facilityId', code: 'no_profile', message: '先にショートステイの受入設定（受入年齢・病床数）を登録してください。' }]);
  }

  private async load(manager: EntityManager, facilityId: string): Promise<FacilityRow> {
    const rows = await sqlRows<FacilityRow>(manager, `${FACILITY_SELECT} WHERE f.id = $2`, [todayInJapan(), facilityId]);
    const row = rows[0];
    if (!row || !SHORT_STAY_FACILITY_TYPES.includes(row.type)) throw notFound('short-stay facility');
    return row;
  }

  private assertMaintainer(actor: Actor, facility: FacilityRow): void {
    if (!this.access.isOfficeInScope(actor, facility.office_id, { adminSeesAll: true })) {
      throw forbidden('受入設定を変更できるのは管理者と、施設を所管する事務所の係長・所長です。');
    }
  }
}

function toView(row: FacilityRow): ShortStayFacilityView {
  return {
    facilityId: row.id,
    name: row.name,
    type: row.type,
    typeLabel: FACILITY_TYPE_LABELS[row.type],
    officeId: row.office_id,
    active: row.active,
    address: row.address,
    phone: row.phone,
    configured: row.min_age !== null,
    minAge: row.min_age,
    maxAge: row.max_age,
    baseBeds: row.base_beds,
    bedsTonight: row.beds_tonight,
    notes: row.notes,
    version: row.version,
  };
}
