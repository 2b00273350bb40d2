import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../../common/time/instant.validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { ChildCondition, RiskChange, VisitNotDoneReason, VisitOutcome, WatchVisitAlert } from '../entities/watch-visit.entity';
import { QueryBoolean } from '../../../common/http/query-boolean';

const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const TEXT = 4000;

export class VisitChildDto {
  @ApiProperty({ format: 'uuid', description: 'A child member of the case' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ description: '目視: the child was seen directly' })
  @IsBoolean()
  seen!: boolean;

  @ApiPropertyOptional({ enum: ChildCondition, nullable: true, description: 'Required when seen; not given when not seen' })
  @IsOptional()
  @IsEnum(ChildCondition)
  condition?: ChildCondition | null;

  @ApiPropertyOptional({ nullable: true, example: '表情明るく、着衣の汚れなし。' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  note?: string | null;
}

/** The free-text parts of a visit record, which may be corrected later. */
export class VisitTextFieldsDto {
  @ApiPropertyOptional({ nullable: true, example: '同行: 豊玉保健相談所 保健師' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(500)
  accompaniedBy?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Why not done, in words (with reason `other`, or details)' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  notDoneNote?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '家庭環境' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  homeEnvironment?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '保護者の様子' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  guardianState?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '懸念事項' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  concerns?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '記録 (free text)' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(20000)
  notes?: string | null;
}

export class CreateWatchVisitDto extends VisitTextFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ example: '2026-04-08T10:30:00+09:00', description: 'When the visit (or attempt) took place' })
  @IsInstant()
  visitedAt!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Staff who visited (訪問者)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  visitorIds!: string[];

  @ApiProperty({ enum: VisitOutcome })
  @IsEnum(VisitOutcome)
  outcome!: VisitOutcome;

  @ApiPropertyOptional({ enum: VisitNotDoneReason, description: 'Required when not done' })
  @IsOmittable()
  @IsEnum(VisitNotDoneReason)
  notDoneReason?: VisitNotDoneReason;

  @ApiPropertyOptional({ type: [VisitChildDto], description: 'When done: every child of the family, seen or not. When not done: omit (nobody was seen).' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VisitChildDto)
  children?: VisitChildDto[];

  @ApiPropertyOptional({ enum: RiskChange, description: 'Required when done: the risk compared with before' })
  @IsOmittable()
  @IsEnum(RiskChange)
  riskChange?: RiskChange;

  @ApiPropertyOptional({ description: 'The next visit date agreed (or the re-visit date after a failed attempt); otherwise derived from the plan' })
  @IsOmittable()
  @IsJapanDate()
  nextVisitOn?: string;
}

export class UpdateWatchVisitDto extends VisitTextFieldsDto {
  @ApiPropertyOptional({ nullable: true, description: 'Changing it reschedules the plan' })
  @IsOptional()
  @IsJapanDate()
  nextVisitOn?: string | null;

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListWatchVisitsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Visits this user took part in' })
  @IsOptional()
  @IsUUID()
  visitorId?: string;

  @ApiPropertyOptional({ description: 'Visited on or after (Japan date)' })
  @IsOptional()
  @IsJapanDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Visited on or before (Japan date)' })
  @IsOptional()
  @IsJapanDate()
  to?: string;

  @ApiPropertyOptional({ enum: VisitOutcome })
  @IsOptional()
  @IsEnum(VisitOutcome)
  outcome?: VisitOutcome;

  @ApiPropertyOptional({ enum: RiskChange })
  @IsOptional()
  @IsEnum(RiskChange)
  riskChange?: RiskChange;

  @ApiPropertyOptional({ description: 'true = only visits that notified the supervisors' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  alerted?: boolean;
}

export class VisitChildView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty() seen!: boolean;
  @ApiProperty({ enum: ChildCondition, nullable: true }) condition!: ChildCondition | null;
  @ApiProperty({ nullable: true, type: String }) conditionLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class WatchVisitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() caseLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) planId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) visitedAt!: Date;
  @ApiProperty() visitedOn!: string;
  @ApiProperty({ nullable: true, type: String, description: "The plan's due date this visit answered" }) dueOn!: string | null;
  @ApiProperty({ type: [PersonRef] }) visitors!: PersonRef[];
  @ApiProperty({ nullable: true, type: String }) accompaniedBy!: string | null;
  @ApiProperty({ enum: VisitOutcome }) outcome!: VisitOutcome;
  @ApiProperty() outcomeLabel!: string;
  @ApiProperty({ enum: VisitNotDoneReason, nullable: true }) notDoneReason!: VisitNotDoneReason | null;
  @ApiProperty({ nullable: true, type: String }) notDoneReasonLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) notDoneNote!: string | null;
  @ApiProperty({ type: [VisitChildView] }) children!: VisitChildView[];
  @ApiProperty({ nullable: true, type: String }) homeEnvironment!: string | null;
  @ApiProperty({ nullable: true, type: String }) guardianState!: string | null;
  @ApiProperty({ nullable: true, type: String }) concerns!: string | null;
  @ApiProperty({ enum: RiskChange, nullable: true }) riskChange!: RiskChange | null;
  @ApiProperty({ nullable: true, type: String }) riskChangeLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextVisitOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ enum: WatchVisitAlert, isArray: true, description: 'Why the supervisors were notified at once' }) alerts!: WatchVisitAlert[];
  @ApiProperty({ type: [String] }) alertLabels!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class WatchVisitSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() caseLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) planId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) visitedAt!: Date;
  @ApiProperty() visitedOn!: string;
  @ApiProperty({ enum: VisitOutcome }) outcome!: VisitOutcome;
  @ApiProperty() outcomeLabel!: string;
  @ApiProperty({ enum: VisitNotDoneReason, nullable: true }) notDoneReason!: VisitNotDoneReason | null;
  @ApiProperty({ enum: RiskChange, nullable: true }) riskChange!: RiskChange | null;
  @ApiProperty({ description: 'Children seen directly / children of the family at the visit' }) childrenSeen!: number;
  @ApiProperty() childrenTotal!: number;
  @ApiProperty({ enum: WatchVisitAlert, isArray: true }) alerts!: WatchVisitAlert[];
  @ApiProperty({ type: [PersonRef] }) visitors!: PersonRef[];
}
