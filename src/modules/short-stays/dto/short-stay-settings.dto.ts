import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { FacilityType, SHORT_STAY_FACILITY_TYPES } from '../../facilities/facility.entity';
import { HouseholdStatus } from '../short-stay.enums';
import { IsCalendarDate } from './calendar-date';
import { QueryBoolean } from '../../../common/http/query-boolean';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A new 実施基準 row from a date (today or later); rows are never edited. */
export class CreateShortStayPolicyDto {
  @ApiProperty({ format: 'date', example: '2027-04-01' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ minimum: 0, maximum: 17, example: 2, description: 'Youngest eligible age (completed years on the first night)' })
  @IsInt()
  @Min(0)
  @Max(17)
  minAge!: number;

  @ApiProperty({ minimum: 0, maximum: 17, example: 15 })
  @IsInt()
  @Min(0)
  @Max(17)
  maxAge!: number;

  @ApiProperty({ minimum: 1, maximum: 31, example: 7, description: '1回あたり (原則7日以内)' })
  @IsInt()
  @Min(1)
  @Max(31)
  maxNightsPerStay!: number;

  @ApiProperty({ minimum: 1, maximum: 31, example: 14, description: 'Per child per calendar month' })
  @IsInt()
  @Min(1)
  @Max(31)
  maxNightsPerMonth!: number;

  @ApiProperty({ description: 'Only a supervisor may extend a stay' })
  @IsBoolean()
  extensionRequiresApproval!: boolean;

  @ApiPropertyOptional({ nullable: true, example: '令和9年度から対象年齢を中学生まで拡大' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class CreateShortStayFeeRateDto {
  @ApiProperty({ enum: SHORT_STAY_FACILITY_TYPES })
  @IsIn(SHORT_STAY_FACILITY_TYPES)
  facilityType!: FacilityType;

  @ApiProperty({ enum: HouseholdStatus })
  @IsEnum(HouseholdStatus)
  householdStatus!: HouseholdStatus;

  @ApiProperty({ format: 'date', example: '2027-04-01' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ minimum: 0, maximum: 100000, example: 3000, description: 'Per day of use (nights + 1)' })
  @IsInt()
  @Min(0)
  @Max(100000)
  dailyFeeYen!: number;
}

export class FeeRatesQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Only the rates in force on this date' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

/** The short-stay side of a facility; `version` is required when the profile already exists. */
export class PutShortStayFacilityProfileDto {
  @ApiProperty({ minimum: 0, maximum: 17, example: 2 })
  @IsInt()
  @Min(0)
  @Max(17)
  minAge!: number;

  @ApiProperty({ minimum: 0, maximum: 17, example: 12 })
  @IsInt()
  @Min(0)
  @Max(17)
  maxAge!: number;

  @ApiProperty({ minimum: 0, maximum: 50, example: 2, description: 'Beds per night before dated changes' })
  @IsInt()
  @Min(0)
  @Max(50)
  baseBeds!: number;

  @ApiPropertyOptional({ nullable: true, example: '受入時間 17時〜19時。送迎は保護者。' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @ApiPropertyOptional({ description: 'The version you loaded (required to change an existing profile)' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateCapacityChangeDto {
  @ApiProperty({ format: 'date', example: '2026-08-03' })
  @IsCalendarDate()
  firstNight!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, example: '2026-08-09', description: 'Omit or null: until further notice' })
  @IsOptional()
  @IsCalendarDate()
  lastNight?: string | null;

  @ApiProperty({ minimum: -50, maximum: 50, example: -1, description: 'Beds added (+) or out of service (−) on each night' })
  @IsInt()
  @Min(-50)
  @Max(50)
  bedDelta!: number;

  @ApiProperty({ example: '居室改修のため1床休止' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ShortStayFacilitiesQuery {
  @ApiPropertyOptional({ enum: SHORT_STAY_FACILITY_TYPES })
  @IsOptional()
  @IsIn(SHORT_STAY_FACILITY_TYPES)
  type?: FacilityType;

  @ApiPropertyOptional({ description: 'true: only facilities with a short-stay profile; false: only those still without one' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  configured?: boolean;
}
