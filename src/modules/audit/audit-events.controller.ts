import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateBy } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQuery, toPage } from '../../common/pagination/keyset';
import { isInstant } from '../../common/time/instant.validator';
import { addDays, isValidJapanDate, japanDateTime } from '../../common/time/japan-time';
import { AuditEvent, AuditOutcome } from './audit-event.entity';
import { Audited } from './audited.decorator';

export class AuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorUserId?: string;
  @ApiPropertyOptional({ example: 'case.read' }) @IsOptional() @IsString() @Matches(/^[a-z_.]{1,64}$/) action?: string;
  @ApiPropertyOptional({ example: 'case' }) @IsOptional() @IsString() @Matches(/^[a-z_]{1,64}$/) resourceType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) resourceId?: string;
  @ApiPropertyOptional({ enum: AuditOutcome }) @IsOptional() @IsEnum(AuditOutcome) outcome?: AuditOutcome;
  @ApiPropertyOptional({ description: 'From this instant (with its offset), or from the start of this Japan date (YYYY-MM-DD)', example: '2026-04-01' })
  @IsOptional()
  @IsInstantOrJapanDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Before this instant, or up to the end of this Japan date (YYYY-MM-DD)', example: '2026-04-30' })
  @IsOptional()
  @IsInstantOrJapanDate()
  to?: string;
}

/** An auditor asks for a day at least as often as for an instant; a day is a day in Japan. */
function IsInstantOrJapanDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isInstantOrJapanDate',
    validator: {
      validate: (value: unknown) => isInstant(value) || (typeof value === 'string' && isValidJapanDate(value)),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be a date and time with its UTC offset, or a date written YYYY-MM-DD`,
    },
  });
}

/** The instant a filter bound stands for: a Japan date starts at its midnight; `to` takes its whole day. */
function boundOf(value: string, bound: 'from' | 'to'): Date {
  if (!isValidJapanDate(value)) return new Date(value);
  return japanDateTime(bound === 'from' ? value : addDays(value, 1));
}

/** The audit log, newest first, for auditors. Reading it is itself audited. */
@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles(Role.Auditor)
  @Audited('audit.search', 'audit_event', { recordQuery: true })
  async list(@Query() query: AuditEventsQuery): Promise<Page<AuditEvent>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (query.actorUserId) qb.andWhere('e.actor_user_id = :actor', { actor: query.actorUserId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.resourceType) qb.andWhere('e.resource_type = :rt', { rt: query.resourceType });
    if (query.resourceId) qb.andWhere('e.resource_id = :rid', { rid: query.resourceId });
    if (query.outcome) qb.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: boundOf(query.from, 'from') });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: boundOf(query.to, 'to') });
    const after = decodeCursor(query.cursor, 1);
    if (after) qb.andWhere('e.id < :after', { after: after[0] });
    const rows = await qb.orderBy('e.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit, (e) => [Number(e.id)]);
  }
}
