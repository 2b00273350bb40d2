import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../../common/auth/actor';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../../common/pagination/keyset';
import { businessRule, forbidden, notFound, validationFailed, versionConflict } from '../../common/problem/problem';
import { definedFields } from '../../common/http/defined-fields';
import { Office } from '../offices/office.entity';
import { createInTransaction } from '../audit/write-audit';
import { CreateFacilityDto, FacilityView, ListFacilitiesQuery, UpdateFacilityDto } from './dto/facility.dto';
import { Facility, FACILITY_TYPE_LABELS, FacilityType } from './facility.entity';

/**
 * The facilities registry (保育園, 学校, 学童, 児童館, 児童養護施設...). It holds
 * no case content, so every signed-in user may read it; admins maintain every
 * office's facilities, supervisors those of their own office's area.
 */
@Injectable()
export class FacilitiesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListFacilitiesQuery): Promise<Page<FacilityView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource.getRepository(Facility).createQueryBuilder('f');
    if (query.type?.length) qb.andWhere('f.type IN (:...types)', { types: query.type });
    if (query.officeId) qb.andWhere('f.office_id = :officeId', { officeId: query.officeId });
    if (query.active !== undefined) qb.andWhere('f.active = :active', { active: query.active });
    if (query.q) qb.andWhere(`f.name LIKE :q`, { q: `%${escapeLike(query.q)}%` });
    const total = await qb.clone().getCount();
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere(`(f.name COLLATE "C", f.id) > (:afterName COLLATE "C", :afterId)`, { afterName: after[0], afterId: after[1] });
    const rows = await qb.orderBy('f.name', 'ASC', undefined).addOrderBy('f.id').limit(limit + 1).getMany();
    const views = await this.toViews(this.dataSource.manager, rows);
    return { ...toPage(views, limit, (f) => [f.name, f.id]), total };
  }

  async get(id: string): Promise<FacilityView> {
    const facility = await this.dataSource.getRepository(Facility).findOne({ where: { id } });
    if (!facility) throw notFound('facility');
    return (await this.toViews(this.dataSource.manager, [facility]))[0];
  }

  async create(actor: Actor, dto: CreateFacilityDto): Promise<FacilityView> {
    const officeId = dto.officeId ?? actor.officeId;
    this.assertMayMaintain(actor, officeId);
    await this.assertOfficeExists(officeId);
    // In a transaction of its own, so the request's staged audit row names the new record.
    const id = await createInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(Facility);
      const saved = await repo.save(
        repo.create({ type: dto.type, name: dto.name, address: dto.address ?? null, phone: dto.phone ?? null, contactPerson: dto.contactPerson ?? null, officeId }),
      );
      return saved.id;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, dto: UpdateFacilityDto): Promise<FacilityView> {
    if (dto.officeId) await this.assertOfficeExists(dto.officeId);
    await this.dataSource.transaction(async (manager) => {
      const facility = await manager.getRepository(Facility).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!facility) throw notFound('facility');
      this.assertMayMaintain(actor, facility.officeId);
      if (dto.officeId) this.assertMayMaintain(actor, dto.officeId);
      if (facility.version !== dto.version) throw versionConflict();
      const { version: _version, ...changes } = definedFields(dto);
      Object.assign(facility, changes);
      await manager.save(facility);
    });
    return this.get(id);
  }

  /**
   * For features that pick a facility (rounds, children of concern, short
   * stays): it must exist, be in use, and be of one of the given types.
   */
  async assertUsable(manager: EntityManager, id: string, options: { field?: string; types?: readonly FacilityType[] } = {}): Promise<Facility> {
    const field = options.field ?? 'facilityId';
    const facility = await manager.getRepository(Facility).findOne({ where: { id } });
    if (!facility) throw validationFailed([{ field, code: 'unknown_facility', message: 'No such facility.' }]);
    if (!facility.active) throw businessRule('The facility is no longer in use.', [{ field, code: 'facility_inactive', message: 'この施設は利用終了になっています。' }]);
    if (options.types && !options.types.includes(facility.type)) {
      throw businessRule('This kind of facility cannot be used here.', [{ field, code: 'facility_type_not_allowed', message: `利用できる施設種別: ${options.types.map((t) => FACILITY_TYPE_LABELS[t]).join('、')}` }]);
    }
    return facility;
  }

  private assertMayMaintain(actor: Actor, officeId: string): void {
    if (hasRole(actor, Role.Admin)) return;
    if (hasRole(actor, Role.Supervisor) && actor.officeId === officeId) return;
    throw forbidden("Supervisors maintain the facilities of their own office's area only.");
  }

  private async assertOfficeExists(officeId: string): Promise<void> {
    const exists = await this.dataSource.getRepository(Office).exists({ where: { id: officeId } });
    if (!exists) throw validationFailed([{ field: 'officeId', code: 'unknown_office', message: 'No such office.' }]);
  }

  private async toViews(manager: EntityManager, facilities: Facility[]): Promise<FacilityView[]> {
    const officeIds = [...new Set(facilities.map((f) => f.officeId))];
    const offices: Array<{ id: string; name: string }> = officeIds.length ? await manager.query(`SELECT id, name FROM offices WHERE id = ANY ($1)`, [officeIds]) : [];
    const officeNames = new Map(offices.map((o) => [o.id, o.name]));
    return facilities.map((f) => ({
      id: f.id,
      type: f.type,
      typeLabel: FACILITY_TYPE_LABELS[f.type],
      name: f.name,
      address: f.address,
      phone: f.phone,
      contactPerson: f.contactPerson,
      officeId: f.officeId,
      officeName: officeNames.get(f.officeId) ?? '',
      active: f.active,
      version: f.version,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    }));
  }
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
