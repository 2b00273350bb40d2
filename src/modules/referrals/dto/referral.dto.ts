import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { ReferralLegalBasis, ReferralRequestedMeasure, ReferralSendMethod, ReferralState, ReferralUrgency } from '../referral.enums';
import { QueryBoolean } from '../../../common/http/query-boolean';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const LONG_TEXT = 10_000;
const TEXT = 2_000;

export class ReferralAttachmentDto {
  @ApiProperty({ example: 'リスクアセスメントシート（令和8年5月10日）' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ example: '写し1部' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

/**
 * The content of a draft. Everything may be left out while drafting; the
 * submission checks completeness. `null` clears a nullable field; lists and
 * the urgency cannot be null.
 */
export class ReferralContentDto {
  @ApiPropertyOptional({ enum: ReferralLegalBasis, nullable: true, description: '根拠: 児童福祉法 第25条の7第1項第1号' })
  @IsOptional()
  @IsEnum(ReferralLegalBasis)
  legalBasis?: ReferralLegalBasis | null;

  @ApiPropertyOptional({ enum: ReferralRequestedMeasure, isArray: true, description: '児童相談センターに求める対応' })
  @IsOmittable()
  @IsArray()
  @IsEnum(ReferralRequestedMeasure, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(6)
  requestedMeasures?: ReferralRequestedMeasure[];

  @ApiPropertyOptional({ nullable: true, description: '送致理由' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  reason?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'これまでの支援経過' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  supportHistory?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '現在のリスク' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  riskSummary?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '直近のアセスメント結果' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  latestAssessment?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-05-10', format: 'date', description: 'アセスメント実施日' })
  @IsOptional()
  @IsJapanDate()
  latestAssessmentOn?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '依頼内容の補足' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  requestDetails?: string | null;

  @ApiPropertyOptional({ type: [ReferralAttachmentDto], description: '添付資料の一覧' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ReferralAttachmentDto)
  attachments?: ReferralAttachmentDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '対象児童: members of the case (child or sibling)' })
  @IsOmittable()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(20)
  childIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '保護者: members of the case (parents, guardians)' })
  @IsOmittable()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(10)
  guardianIds?: string[];
}

export class CreateReferralDto extends ReferralContentDto {
  @ApiProperty({ format: 'uuid', description: 'The case the referral is drafted for (must be writable by you)' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ enum: ReferralUrgency, description: '緊急度: AA and A jump the review queue and notify the supervisors at once' })
  @IsEnum(ReferralUrgency)
  urgency!: ReferralUrgency;
}

export class UpdateReferralDto extends ReferralContentDto {
  @ApiPropertyOptional({ enum: ReferralUrgency })
  @IsOmittable()
  @IsEnum(ReferralUrgency)
  urgency?: ReferralUrgency;

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ReferralCommentDto {
  @ApiPropertyOptional({ description: 'An optional note kept in the history' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  comment?: string;
}

export class ReturnReferralDto {
  @ApiProperty({ description: '差戻し理由: kept in the comment thread for the author' })
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  comment!: string;
}

export class SendReferralDto {
  @ApiProperty({ example: '2026-05-14', description: '送致日' })
  @IsJapanDate()
  sentOn!: string;

  @ApiProperty({ enum: ReferralSendMethod, description: '送付方法' })
  @IsEnum(ReferralSendMethod)
  method!: ReferralSendMethod;

  @ApiPropertyOptional({ example: '東京都児童相談センター', description: 'Defaults to 東京都児童相談センター' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  centreName?: string;

  @ApiProperty({ example: '相談援助課 児童福祉司 田中', description: '児相側の担当者' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  centreContact!: string;
}

export class AcceptReferralDto {
  @ApiProperty({ example: '2026-05-16', description: '児相の回答日' })
  @IsJapanDate()
  answeredOn!: string;

  @ApiProperty({ example: '児セ8-0123', description: '児相のケース番号' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  centreCaseNumber!: string;
}

export class DeclineReferralDto {
  @ApiProperty({ example: '2026-05-16', description: '児相の回答日' })
  @IsJapanDate()
  answeredOn!: string;

  @ApiProperty({ description: '不受理の理由' })
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  reason!: string;
}

export class ReasonDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  reason!: string;
}

export class CloseReferralDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  reason?: string;
}

export class PostCommentDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  body!: string;
}

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ReferralState })
  @IsOptional()
  @IsEnum(ReferralState)
  state?: ReferralState;

  @ApiPropertyOptional({ enum: ReferralUrgency })
  @IsOptional()
  @IsEnum(ReferralUrgency)
  urgency?: ReferralUrgency;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Liaison: one office only' })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ description: 'true = only referrals you wrote' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;
}

export class MeasuresQuery {
  @ApiProperty({ example: 2026, description: '年度 (April–March, named by the April year)' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  fiscalYear!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Liaison: one office only (supervisors always see their own office)' })
  @IsOptional()
  @IsUUID()
  officeId?: string;
}
