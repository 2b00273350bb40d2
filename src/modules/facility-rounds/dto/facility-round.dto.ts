import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInstant } from '../../../common/time/instant.validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { FacilityType } from '../../facilities/facility.entity';
import { FacilityRoundStatus, RoundAttendance } from '../entities/facility-round.entity';
import { FiscalYearParam } from '../../../common/time/fiscal-year.param';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const TEXT = 4000;

export class PlanFacilityRoundDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  facilityId!: string;

  @ApiProperty({ example: '2026-05-20' })
  @IsJapanDate()
  plannedOn!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Staff who will make the round' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  visitorIds!: string[];

  @ApiPropertyOptional({ nullable: true, example: '要配慮児童の様子確認と担任との情報共有' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(1000)
  purpose?: string | null;
}

export class UpdateFacilityRoundDto extends PartialType(PickType(PlanFacilityRoundDto, ['plannedOn', 'visitorIds', 'purpose'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class RoundObservationDto {
  @ApiProperty({ format: 'uuid', description: 'A child flagged at this facility on the day of the round' })
  @IsUUID()
  childOfConcernId!: string;

  @ApiProperty({ enum: RoundAttendance })
  @IsEnum(RoundAttendance)
  attendance!: RoundAttendance;

  @ApiPropertyOptional({ nullable: true, example: '衣服は清潔。表情は明るく、友達と遊んでいた。' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  appearance?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  concerns?: string | null;
}

export class RoundConsultationDto {
  @ApiPropertyOptional({ nullable: true, example: '担任' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(100)
  facilityStaffRole?: string | null;

  @ApiProperty({ example: '登園時刻が遅くなっている件' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  topic!: string;

  @ApiPropertyOptional({ nullable: true, example: '遅刻が続く場合はセンターへ連絡いただくよう依頼' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(TEXT)
  advice?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'When about one flagged child (then shown only to staff with that case in scope)' })
  @IsOptional()
  @IsUUID()
  childOfConcernId?: string | null;
}

export class RoundFollowUpDto {
  @ApiProperty({ example: '母へ連絡し受診状況を確認する' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  action!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsJapanDate()
  dueOn?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  childOfConcernId?: string | null;
}

export class RecordFacilityRoundDto {
  @ApiProperty({ example: '2026-05-20T10:00:00+09:00' })
  @IsInstant()
  visitedAt!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Who actually went; defaults to the planned visitors' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  visitorIds?: string[];

  @ApiProperty({ type: [RoundObservationDto], description: 'The flagged children observed (may be empty)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoundObservationDto)
  observations!: RoundObservationDto[];

  @ApiPropertyOptional({ type: [RoundConsultationDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoundConsultationDto)
  consultations?: RoundConsultationDto[];

  @ApiPropertyOptional({ type: [RoundFollowUpDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoundFollowUpDto)
  followUps?: RoundFollowUpDto[];

  @ApiPropertyOptional({ nullable: true, description: 'General record of the round (no names of children: those go in the observations)' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(20000)
  summary?: string | null;

  @ApiPropertyOptional({ description: 'Plans the next round at this facility on this date' })
  @IsOmittable()
  @IsJapanDate()
  nextRoundOn?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class CancelFacilityRoundDto {
  @ApiProperty({ example: '施設行事のため延期' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListFacilityRoundsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ enum: FacilityRoundStatus })
  @IsOptional()
  @IsEnum(FacilityRoundStatus)
  status?: FacilityRoundStatus;

  @ApiPropertyOptional({ description: 'Planned (or visited) on or after' })
  @IsOptional()
  @IsJapanDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Planned (or visited) on or before' })
  @IsOptional()
  @IsJapanDate()
  to?: string;
}

export class RoundsDueQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The day to judge on (Japan date); defaults to today' })
  @IsOptional()
  @IsJapanDate()
  asOf?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 90, default: 7, description: 'Also list rounds planned within this many days after asOf' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(90)
  withinDays?: number;
}

export class ReachQuery {
  @FiscalYearParam('Fiscal year (April–March); defaults to the current one')
  fiscalYear?: number;
}

export class StaffRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class RoundObservationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childOfConcernId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ enum: RoundAttendance }) attendance!: RoundAttendance;
  @ApiProperty() attendanceLabel!: string;
  @ApiProperty({ nullable: true, type: String }) appearance!: string | null;
  @ApiProperty({ nullable: true, type: String }) concerns!: string | null;
}

export class RoundConsultationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) facilityStaffRole!: string | null;
  @ApiProperty() topic!: string;
  @ApiProperty({ nullable: true, type: String }) advice!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) childOfConcernId!: string | null;
}

export class RoundFollowUpView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ nullable: true, type: String }) dueOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) childOfConcernId!: string | null;
}

export class FacilityRoundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() facilityName!: string;
  @ApiProperty({ enum: FacilityType }) facilityType!: FacilityType;
  @ApiProperty() facilityTypeLabel!: string;
  @ApiProperty({ enum: FacilityRoundStatus }) status!: FacilityRoundStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() plannedOn!: string;
  @ApiProperty({ type: [StaffRef] }) visitors!: StaffRef[];
  @ApiProperty({ nullable: true, type: String }) purpose!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) visitedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) visitedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextRoundOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) nextRoundId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) previousRoundId!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ type: [RoundObservationView], description: 'Only the children whose case is in your scope' }) observations!: RoundObservationView[];
  @ApiProperty({ type: [RoundConsultationView], description: 'Consultations about a child are shown with that child only' }) consultations!: RoundConsultationView[];
  @ApiProperty({ type: [RoundFollowUpView] }) followUps!: RoundFollowUpView[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class FacilityRoundSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() facilityName!: string;
  @ApiProperty({ enum: FacilityType }) facilityType!: FacilityType;
  @ApiProperty({ enum: FacilityRoundStatus }) status!: FacilityRoundStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() plannedOn!: string;
  @ApiProperty({ nullable: true, type: String }) visitedOn!: string | null;
  @ApiProperty({ type: [StaffRef] }) visitors!: StaffRef[];
  @ApiProperty({ description: 'Children observed whose case is in your scope' }) childrenObserved!: number;
  @ApiPropertyOptional({ description: 'Due list: days past the planned date' }) daysOverdue?: number;
}

export class ReachByTypeView {
  @ApiProperty({ enum: FacilityType }) type!: FacilityType;
  @ApiProperty() typeLabel!: string;
  @ApiProperty() facilities!: number;
  @ApiProperty() rounds!: number;
}

export class ReachView {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ description: 'Distinct facilities reached by a round done in the fiscal year' }) facilitiesReached!: number;
  @ApiProperty() roundsDone!: number;
  @ApiProperty({ type: [ReachByTypeView] }) byType!: ReachByTypeView[];
}
