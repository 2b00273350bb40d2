import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { HouseholdStatus } from '../short-stay.enums';
import { IsCalendarDate } from './calendar-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** What the pre-check judges: which child, where, which nights. */
export class CheckShortStayDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ format: 'uuid', description: 'A child member of the case' })
  @IsUUID()
  childId!: string;

  @ApiProperty({ format: 'uuid', description: 'A facility with a short-stay profile (児童養護施設, 乳児院, 協力家庭)' })
  @IsUUID()
  facilityId!: string;

  @ApiProperty({ format: 'date', example: '2026-07-01', description: 'First night (check-in day)' })
  @IsCalendarDate()
  firstNight!: string;

  @ApiProperty({ format: 'date', example: '2026-07-03', description: 'Last night; check-out is the next day' })
  @IsCalendarDate()
  lastNight!: string;

  @ApiPropertyOptional({ enum: HouseholdStatus, description: 'Given, the answer includes the fee the stay would cost' })
  @IsOptional()
  @IsEnum(HouseholdStatus)
  householdStatus?: HouseholdStatus;
}

export class CreateShortStayDto extends OmitType(CheckShortStayDto, ['householdStatus'] as const) {
  @ApiProperty({ enum: HouseholdStatus, description: '世帯の課税状況 (decides the fee)' })
  @IsEnum(HouseholdStatus)
  householdStatus!: HouseholdStatus;

  @ApiProperty({ example: '母の入院（出産）のため養育が一時的に困難' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty({ format: 'date', example: '2026-06-20', description: 'Day the guardian consented' })
  @IsCalendarDate()
  guardianConsentOn!: string;

  @ApiProperty({ example: '母', description: 'Who consented' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  guardianConsentBy!: string;

  @ApiProperty({ example: '父 携帯 090-0000-0000（平日18時以降）', description: 'How to reach the family during the stay' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  contactDuringStay!: string;

  @ApiPropertyOptional({ nullable: true, example: '卵（加熱済みは可）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  allergies?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '喘息（吸入薬持参）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  medicalNotes?: string | null;
}

/**
 * Changes to a request still waiting for a decision; only its requester makes
 * them. Omitted fields stay as they are; null clears only the optional notes.
 */
export class UpdateShortStayDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @IsCalendarDate()
  firstNight?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @IsCalendarDate()
  lastNight?: string;

  @ApiPropertyOptional({ enum: HouseholdStatus })
  @IsOmittable()
  @IsEnum(HouseholdStatus)
  householdStatus?: HouseholdStatus;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @IsCalendarDate()
  guardianConsentOn?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  guardianConsentBy?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  contactDuringStay?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  allergies?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  medicalNotes?: string | null;

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}
