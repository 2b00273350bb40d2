import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { trim } from '../../referrals/dto/referral.dto';
import { AttendeeOrganisationKind, CaseConferenceType, ConferenceActionStatus } from '../case-conference.enums';
import { QueryBoolean } from '../../../common/http/query-boolean';

const TEXT = 4_000;
const LONG_TEXT = 10_000;

export class ConferenceCaseDto {
  @ApiProperty({ format: 'uuid', description: 'A case in your scope' })
  @IsUUID()
  caseId!: string;

  @ApiPropertyOptional({ nullable: true, description: 'この会議でのケースごとの決定事項' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  decision?: string | null;
}

/**
 * A ward user (`organisationKind: ward_office` and `userId`; name and
 * organisation come from the user record), or an external attendee named
 * with their organisation (e.g. the centre's 児童福祉司).
 */
export class AttendeeDto {
  @ApiProperty({ enum: AttendeeOrganisationKind })
  @IsEnum(AttendeeOrganisationKind)
  organisationKind!: AttendeeOrganisationKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Ward attendees: the user' })
  @IsOmittable()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: '佐藤 健', description: 'External attendees: the name' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: '東京都児童相談センター', description: 'External attendees: the organisation' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  organisation?: string;

  @ApiPropertyOptional({ example: '児童福祉司', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  title?: string | null;
}

export class ConferenceActionDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'One of the conference\'s cases, if the action concerns one' })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;

  @ApiProperty({ example: '保育園に登園状況を確認し、会議参加者に共有する' })
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  description!: string;

  @ApiProperty({ format: 'uuid', description: 'A consultant or supervisor of the office' })
  @IsUUID()
  ownerId!: string;

  @ApiProperty({ format: 'date', example: '2026-06-15' })
  @IsJapanDate()
  dueOn!: string;
}

export class ConferenceContentDto {
  @ApiPropertyOptional({ example: '14:00', nullable: true })
  @IsOptional()
  @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'startTime must be HH:MM' })
  startTime?: string | null;

  @ApiPropertyOptional({ example: '練馬子ども家庭支援センター 会議室', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '会議の概要' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LONG_TEXT)
  summary?: string | null;
}

export class CreateConferenceDto extends ConferenceContentDto {
  @ApiProperty({ enum: CaseConferenceType })
  @IsEnum(CaseConferenceType)
  type!: CaseConferenceType;

  @ApiProperty({ format: 'date', example: '2026-06-01' })
  @IsJapanDate()
  heldOn!: string;

  @ApiProperty({ type: [ConferenceCaseDto], description: '検討したケース' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ConferenceCaseDto)
  cases!: ConferenceCaseDto[];

  @ApiProperty({ type: [AttendeeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees!: AttendeeDto[];

  @ApiPropertyOptional({ type: [ConferenceActionDto], description: '決定した対応（担当者・期限）' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ConferenceActionDto)
  actions?: ConferenceActionDto[];
}

/** Lists given here replace the conference's lists; actions are changed one by one. */
export class UpdateConferenceDto extends ConferenceContentDto {
  @ApiPropertyOptional({ enum: CaseConferenceType })
  @IsOmittable()
  @IsEnum(CaseConferenceType)
  type?: CaseConferenceType;

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @IsJapanDate()
  heldOn?: string;

  @ApiPropertyOptional({ type: [ConferenceCaseDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ConferenceCaseDto)
  cases?: ConferenceCaseDto[];

  @ApiPropertyOptional({ type: [AttendeeDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees?: AttendeeDto[];

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class UpdateConferenceActionDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @IsJapanDate()
  dueOn?: string;

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class CompleteConferenceActionDto {
  @ApiPropertyOptional({ description: '対応結果' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  note?: string;
}

export class CancelConferenceActionDto {
  @ApiProperty({ description: '取消の理由' })
  @Transform(trim)
  @IsString()
  @Length(1, TEXT)
  reason!: string;
}

export class ListConferencesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CaseConferenceType })
  @IsOptional()
  @IsEnum(CaseConferenceType)
  type?: CaseConferenceType;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsJapanDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsJapanDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Conferences that discussed this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'true = attended by the centre\'s staff' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  centreAttended?: boolean;
}

export class ListConferenceActionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ConferenceActionStatus })
  @IsOptional()
  @IsEnum(ConferenceActionStatus)
  status?: ConferenceActionStatus;

  @ApiPropertyOptional({ description: 'true = only actions you own' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Due on or before' })
  @IsOptional()
  @IsJapanDate()
  dueBy?: string;
}
