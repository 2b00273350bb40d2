import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { VisitFrequency, WatchVisitPlanStatus } from '../entities/watch-visit-plan.entity';
import { WatchVisitPlanAction } from '../entities/watch-visit-plan-event.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWatchVisitPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ enum: VisitFrequency })
  @IsEnum(VisitFrequency)
  frequency!: VisitFrequency;

  @ApiPropertyOptional({ minimum: 1, maximum: 366, description: 'Days between visits; required for (and only for) frequency `custom`' })
  @ValidateIf((o: CreateWatchVisitPlanDto) => o.frequency === VisitFrequency.Custom || o.intervalDays !== undefined)
  @IsInt()
  @Min(1)
  @Max(366)
  intervalDays?: number;

  @ApiProperty({ example: '2026-04-06', description: 'First visit due on this date' })
  @IsJapanDate()
  startOn!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the case's lead worker (主担当)" })
  @IsOmittable()
  @IsUUID()
  responsibleWorkerId?: string;

  @ApiProperty({ example: '母の育児負担の確認と児童の安全確認' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  purpose!: string;
}

export class UpdateWatchVisitPlanDto extends PartialType(PickType(CreateWatchVisitPlanDto, ['frequency', 'intervalDays', 'startOn', 'responsibleWorkerId', 'purpose'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class PauseWatchVisitPlanDto {
  @ApiProperty({ example: '児童入院のため（退院予定 5月中旬）' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ description: 'Defaults to today (Japan)' })
  @IsOmittable()
  @IsJapanDate()
  pausedOn?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class ResumeWatchVisitPlanDto {
  @ApiPropertyOptional({ description: 'Defaults to today (Japan); the next visit is due no earlier than this' })
  @IsOmittable()
  @IsJapanDate()
  resumedOn?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class EndWatchVisitPlanDto {
  @ApiProperty({ example: '状況安定のため見守り終了（進行管理会議で決定）' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ description: 'Defaults to today (Japan)' })
  @IsOmittable()
  @IsJapanDate()
  endedOn?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListWatchVisitPlansQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: WatchVisitPlanStatus })
  @IsOptional()
  @IsEnum(WatchVisitPlanStatus)
  status?: WatchVisitPlanStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  responsibleWorkerId?: string;

  @ApiPropertyOptional({ description: 'Active plans due on or before this date' })
  @IsOptional()
  @IsJapanDate()
  dueOnOrBefore?: string;
}

export class WatchVisitPlanEventView {
  @ApiProperty({ enum: WatchVisitPlanAction }) action!: WatchVisitPlanAction;
  @ApiProperty() actionLabel!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty({ nullable: true, type: String }) nextDueOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
}

export class WatchVisitPlanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() caseLabel!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ enum: VisitFrequency }) frequency!: VisitFrequency;
  @ApiProperty() frequencyLabel!: string;
  @ApiProperty({ nullable: true, type: Number }) intervalDays!: number | null;
  @ApiProperty() startOn!: string;
  @ApiProperty({ format: 'uuid' }) responsibleWorkerId!: string;
  @ApiProperty() responsibleWorkerName!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: WatchVisitPlanStatus }) status!: WatchVisitPlanStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Derived from the last visit done; null while paused or ended' }) nextDueOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastVisitOn!: string | null;
  @ApiProperty({ description: 'Calendar days past the due date today (0 when not overdue)' }) daysOverdue!: number;
  @ApiProperty({ description: 'Working days past the due date today' }) workingDaysOverdue!: number;
  @ApiProperty({ nullable: true, type: String }) resumedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) pausedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) pauseReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason!: string | null;
  @ApiProperty({ enum: ['pause', 'resume', 'end', 'update'], isArray: true, description: 'Actions allowed in the current state' }) allowedActions!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiPropertyOptional({ type: [WatchVisitPlanEventView], description: 'State history (detail only)' }) history?: WatchVisitPlanEventView[];
}
