import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { IsInstant } from '../../../common/time/instant.validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { AbuseType, SupportLevel } from '../../cases/entities/case.entity';
import { ChildAbuseReportStatus, ReportAssessment, ReportSource, ReportUrgency, Rule48Result, SafetyConfirmationMethod } from '../child-abuse-report.entity';
import { Rule48Status } from '../rule48';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class NewCaseForReportDto {
  @ApiProperty({ example: '佐藤 世帯' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  label!: string;

  @ApiPropertyOptional({ enum: SupportLevel, default: SupportLevel.ProtectionRequired })
  @IsOmittable()
  @IsEnum(SupportLevel)
  supportLevel?: SupportLevel;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Supervisors only; a consultant becomes the lead worker' })
  @IsOptional()
  @IsUUID()
  leadWorkerId?: string | null;
}

export class CreateChildAbuseReportDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-12T15:40:00+09:00', description: '受理日時: starts the 48-hour clock' })
  @IsInstant()
  receivedAt!: string;

  @ApiProperty({ enum: ReportSource })
  @IsEnum(ReportSource)
  source!: ReportSource;

  @ApiPropertyOptional({ nullable: true, type: String, example: '練馬区立○○小学校 教頭' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  sourceDetail?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'How to reach the informant (never shown to the family)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  informantContact?: string | null;

  @ApiProperty({ enum: AbuseType, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(AbuseType, { each: true })
  @ArrayUnique()
  abuseTypes!: AbuseType[];

  @ApiProperty({ enum: ReportUrgency })
  @IsEnum(ReportUrgency)
  urgency!: ReportUrgency;

  @ApiProperty({ example: '本児の顔にあざ。本人は「転んだ」と話すが、同様のあざが2回目。' })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  summary!: string;

  @ApiProperty({ type: [String], description: 'The children concerned (persons), each to be seen directly within 48 hours' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  @ArrayUnique()
  childIds!: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'An existing case; give this or newCase' })
  @IsOmittable()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ type: NewCaseForReportDto, description: 'Open a new case for the report; give this or caseId' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => NewCaseForReportDto)
  newCase?: NewCaseForReportDto;
}

export class UpdateChildAbuseReportDto extends PartialType(PickType(CreateChildAbuseReportDto, ['source', 'sourceDetail', 'informantContact', 'abuseTypes', 'urgency', 'summary'] as const), {
  skipNullProperties: false,
}) {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class RecordSafetyConfirmationDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When the children were seen directly (直接目視)' })
  @IsInstant()
  confirmedAt!: string;

  @ApiProperty({ enum: SafetyConfirmationMethod })
  @IsEnum(SafetyConfirmationMethod)
  method!: SafetyConfirmationMethod;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who saw the children (give this or seenByName)' })
  @IsOmittable()
  @IsUUID()
  seenByUserId?: string;

  @ApiPropertyOptional({ example: '○○保育園 園長', description: 'Someone outside the staff who saw the children' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  seenByName?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '自宅' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  place?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  notes?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'The children seen; defaults to every child not yet seen' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  @ArrayUnique()
  childIds?: string[];
}

export class AssessReportDto {
  @ApiProperty({ enum: ReportAssessment })
  @IsEnum(ReportAssessment)
  assessment!: ReportAssessment;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  notes!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListReportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ChildAbuseReportStatus })
  @IsOmittable()
  @IsEnum(ChildAbuseReportStatus)
  status?: ChildAbuseReportStatus;

  @ApiPropertyOptional({ enum: ReportUrgency })
  @IsOmittable()
  @IsEnum(ReportUrgency)
  urgency?: ReportUrgency;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: ['pending', 'overdue', 'met', 'missed'], description: '48-hour rule status' })
  @IsOmittable()
  @IsIn(['pending', 'overdue', 'met', 'missed'])
  rule48?: Rule48Status;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOmittable()
  @IsInstant()
  receivedFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOmittable()
  @IsInstant()
  receivedTo?: string;
}

export class ReportChildView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) seenAt!: Date | null;
}

export class SafetyConfirmationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) confirmedAt!: Date;
  @ApiProperty({ enum: SafetyConfirmationMethod }) method!: SafetyConfirmationMethod;
  @ApiProperty() methodLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) seenByUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) seenByUserName!: string | null;
  @ApiProperty({ nullable: true, type: String }) seenByName!: string | null;
  @ApiProperty({ nullable: true, type: String }) place!: string | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ type: [String] }) childIds!: string[];
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: Date;
}

export class ChildAbuseReportSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() caseLabel!: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ enum: ReportSource }) source!: ReportSource;
  @ApiProperty() sourceLabel!: string;
  @ApiProperty({ enum: AbuseType, isArray: true }) abuseTypes!: AbuseType[];
  @ApiProperty({ enum: ReportUrgency }) urgency!: ReportUrgency;
  @ApiProperty() urgencyLabel!: string;
  @ApiProperty({ enum: ChildAbuseReportStatus }) status!: ChildAbuseReportStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ type: String, format: 'date-time' }) safetyDueAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) safetyConfirmedAt!: Date | null;
  @ApiProperty({ enum: Rule48Result, nullable: true }) rule48Result!: Rule48Result | null;
  @ApiProperty({ enum: ['pending', 'overdue', 'met', 'missed'] }) rule48Status!: Rule48Status;
  @ApiProperty() rule48StatusLabel!: string;
}

export class ChildAbuseReportView extends ChildAbuseReportSummary {
  @ApiProperty({ format: 'uuid' }) receivedBy!: string;
  @ApiProperty({ nullable: true, type: String }) sourceDetail!: string | null;
  @ApiProperty({ nullable: true, type: String }) informantContact!: string | null;
  @ApiProperty({ type: [String] }) abuseTypeLabels!: string[];
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [ReportChildView] }) children!: ReportChildView[];
  @ApiProperty({ type: [SafetyConfirmationView] }) safetyConfirmations!: SafetyConfirmationView[];
  @ApiProperty({ enum: ReportAssessment, nullable: true }) assessment!: ReportAssessment | null;
  @ApiProperty({ nullable: true, type: String }) assessmentNotes!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assessedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) assessedAt!: Date | null;
  @ApiProperty({ enum: ['full', 'read_only'] }) accessLevel!: 'full' | 'read_only';
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
