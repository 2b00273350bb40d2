import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound, versionConflict } from '../../common/problem/problem';
import { definedFields } from '../../common/http/defined-fields';
import { noteCreatedRecord } from '../audit/write-audit';
import { SessionCache } from '../auth/session-cache';
import { CreateOfficeDto, OfficeView, UpdateOfficeDto } from './dto/office.dto';
import { CONSULTANT_SCOPE_LABELS, Office, OFFICE_TYPE_LABELS } from './office.entity';

@Injectable()
export class OfficesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionCache,
  ) {}

  /** The ward has a dozen offices: the whole list is one small page. */
  async list(): Promise<{ items: OfficeView[] }> {
    const offices = await this.dataSource.getRepository(Office).find({ order: { type: 'ASC', isMain: 'DESC', code: 'ASC' } });
    return { items: offices.map(toView) };
  }

  async get(id: string): Promise<OfficeView> {
    const office = await this.dataSource.getRepository(Office).findOne({ where: { id } });
    if (!office) throw notFound('office');
    return toView(office);
  }

  async create(dto: CreateOfficeDto): Promise<OfficeView> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Office);
      const saved = await repo.save(repo.create({ ...dto, isMain: dto.isMain ?? false }));
      noteCreatedRecord(saved.id);
      return toView(saved);
    });
  }

  async update(id: string, dto: UpdateOfficeDto): Promise<OfficeView> {
    let scopeChanged = false;
    const view = await this.dataSource.transaction(async (manager) => {
      const office = await manager.getRepository(Office).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!office) throw notFound('office');
      if (office.version !== dto.version) throw versionConflict();
      const { version: _version, ...changes } = definedFields(dto);
      scopeChanged = changes.consultantScope !== undefined && changes.consultantScope !== office.consultantScope;
      Object.assign(office, changes);
      return toView(await manager.save(office));
    });
    // The rule travels in every cached token check: this process drops them now, the others on the trigger's notification.
    if (scopeChanged) this.sessions.forgetOffice(id);
    return view;
  }
}

function toView(office: Office): OfficeView {
  return {
    id: office.id,
    code: office.code,
    name: office.name,
    type: office.type,
    typeLabel: OFFICE_TYPE_LABELS[office.type],
    isMain: office.isMain,
    active: office.active,
    consultantScope: office.consultantScope,
    consultantScopeLabel: CONSULTANT_SCOPE_LABELS[office.consultantScope],
    version: office.version,
  };
}
