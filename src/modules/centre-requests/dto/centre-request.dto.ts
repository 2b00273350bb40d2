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
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { AbuseType, SupportLevel } from '../../cases/entities/case.entity';
import { Sex } from '../../persons/person.entity';
import { trim } from '../../referrals/dto/referral.dto';
import { CentreRequestKind, CentreRequestState, ProgressReportState } from '../centre-request.enums';
import { QueryBoolean } from '../../../common/http/query-boolean';

const LONG_TEXT = 10_000;

export class CentreRequestChildDto {
  @ApiProperty({ example: '貫井 さくら' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  nameKanji!: string;

  @ApiProperty({ example: 'ヌクイ サクラ' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  nameKana!: string;

  @ApiPropertyOptional({ example: '2021-09-14', format: 'date', nullable: true })
  @IsOptional()
  @IsJapanDate()
  birthDate?: string | null;

  @ApiPropertyOptional({ enum: Sex })
  @IsOmittable()
  @IsEnum(Sex)
  sex?: Sex;
}

/** What the centre's notice says, as the liaison records it. */
export class RecordCentreRequestDto {
  @ApiProperty({ enum: CentreRequestKind, description: '事案送致 or 指導措置委託' })
  @IsEnum(CentreRequestKind)
  kind!: CentreRequestKind;

  @ApiPropertyOptional({ example: '東京都児童相談センター', description: 'Defaults to 東京都児童相談センター' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  centreName?: string;

  @ApiProperty({ example: '児セ8-0456', description: '児相のケース番号' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  centreCaseNumber!: string;

  @ApiPropertyOptional({ example: '児童福祉司 佐藤', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  centreContact?: string | null;

  @ApiProperty({ example: '2026-05-01', format: 'date', description: '受付日' })
  @IsJapanDate()
  receivedOn!: string;

  @ApiPropertyOptional({ example: '2026-05-01', format: 'date', nullable: true, description: '措置日 (指導措置委託): progress reports are due from it' })
  @IsOptional()
  @IsJapanDate()
  measureStartOn?: string | null;

  @ApiProperty({ description: '送致・委託の理由' })
  @Transform(trim)
  @IsString()
  @Length(1, LONG_TEXT)
  reason!: string;

  @ApiPropertyOptional({ nullable: true, description: '条件・留意事項' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  conditions?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: '報告間隔（月）: required for 指導措置委託, absent for 事案送致' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(12)
  reportingIntervalMonths?: number;

  @ApiProperty({ format: 'uuid', description: 'The ward office the request is handed to (by the family\'s address)' })
  @IsUUID()
  officeId!: string;

  @ApiProperty({ type: [CentreRequestChildDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CentreRequestChildDto)
  children!: CentreRequestChildDto[];
}

/** Corrections by the liaison. The office, the children and the interval change only before assignment. */
export class UpdateCentreRequestDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  centreName?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  centreCaseNumber?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  centreContact?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsJapanDate()
  measureStartOn?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, LONG_TEXT)
  reason?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  conditions?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(12)
  reportingIntervalMonths?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ type: [CentreRequestChildDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CentreRequestChildDto)
  children?: CentreRequestChildDto[];

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class NewCaseDto {
  @ApiProperty({ example: '貫井 世帯' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  label!: string;

  @ApiProperty({ enum: SupportLevel })
  @IsEnum(SupportLevel)
  supportLevel!: SupportLevel;

  @ApiPropertyOptional({ enum: AbuseType, isArray: true })
  @IsOmittable()
  @IsArray()
  @IsEnum(AbuseType, { each: true })
  @ArrayUnique()
  abuseTypes?: AbuseType[];

  @ApiPropertyOptional({ description: 'DV and similar: only assigned workers and supervisors open it' })
  @IsOmittable()
  @IsBoolean()
  restricted?: boolean;
}

/** Exactly one of `caseId` (link an existing case of the office) and `newCase` (open one). */
export class AssignCentreRequestDto {
  @ApiProperty({ format: 'uuid', description: '主担当: a consultant or supervisor of the office' })
  @IsUUID()
  leadWorkerId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An open case of the office to link' })
  @IsOmittable()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ type: NewCaseDto, description: 'Open a new case for the family' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => NewCaseDto)
  newCase?: NewCaseDto;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class CommentOnlyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class LiftCentreRequestDto {
  @ApiProperty({ format: 'date', description: '児相の措置解除通知日' })
  @IsJapanDate()
  centreNoticeOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class CloseCentreRequestDto {
  @ApiProperty({ description: '終結理由' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ListCentreRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CentreRequestKind })
  @IsOptional()
  @IsEnum(CentreRequestKind)
  kind?: CentreRequestKind;

  @ApiPropertyOptional({ enum: CentreRequestState })
  @IsOptional()
  @IsEnum(CentreRequestState)
  state?: CentreRequestState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'true = only those you lead' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;
}

// ---- 経過報告 ----

export class ProgressReportContentDto {
  @ApiPropertyOptional({ format: 'date', description: '報告対象期間（自）: defaults to the day after the previous report, or the measure date' })
  @IsOmittable()
  @IsJapanDate()
  periodFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: '報告対象期間（至）: defaults to today' })
  @IsOmittable()
  @IsJapanDate()
  periodTo?: string;

  @ApiPropertyOptional({ nullable: true, description: '児童の状況' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  childStatus?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '家庭の状況' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  familyStatus?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '実施した指導・支援' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  supportProvided?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '評価・所見' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  assessment?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '今後の方針' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  plan?: string | null;
}

export class UpdateProgressReportDto extends ProgressReportContentDto {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ReturnProgressReportDto {
  @ApiProperty({ description: '差戻し理由' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  comment!: string;
}

export class MarkProgressReportSentDto {
  @ApiProperty({ format: 'date', description: '児相への送付日' })
  @IsJapanDate()
  sentOn!: string;
}

export class ListProgressReportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ProgressReportState, description: 'e.g. submitted: the supervisors\' review list' })
  @IsOptional()
  @IsEnum(ProgressReportState)
  state?: ProgressReportState;
}
