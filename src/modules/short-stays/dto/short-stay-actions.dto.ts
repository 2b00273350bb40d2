import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { ShortStayRejectionReason } from '../short-stay.enums';
import { IsCalendarDate } from './calendar-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Every action may carry the version the caller loaded; a stale one is a 409. */
export class ShortStayActionDto {
  @ApiPropertyOptional({ description: 'The version you loaded (optimistic locking)' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ApproveShortStayDto extends ShortStayActionDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class RejectShortStayDto extends ShortStayActionDto {
  @ApiProperty({ enum: ShortStayRejectionReason })
  @IsEnum(ShortStayRejectionReason)
  reason!: ShortStayRejectionReason;

  @ApiPropertyOptional({ description: 'Required when the reason is "other"' })
  @ValidateIf((o: RejectShortStayDto) => o.reason === ShortStayRejectionReason.Other || o.note !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class CancelShortStayDto extends ShortStayActionDto {
  @ApiProperty({ example: '保護者の退院が早まったため' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class CheckInShortStayDto extends ShortStayActionDto {
  @ApiPropertyOptional({ nullable: true, example: '施設職員に引継ぎ済み' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ExtendShortStayDto extends ShortStayActionDto {
  @ApiProperty({ format: 'date', example: '2026-07-05', description: 'The new last night (later than the current one)' })
  @IsCalendarDate()
  lastNight!: string;

  @ApiProperty({ example: '保護者の入院が延びたため' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

/** 帰宅後確認: the child is home again and the worker has checked on them. */
export class CompleteShortStayDto extends ShortStayActionDto {
  @ApiProperty({ format: 'date', example: '2026-07-04', description: 'Day the child went home (the check-out day, or earlier for an early return)' })
  @IsCalendarDate()
  returnedOn!: string;

  @ApiProperty({ format: 'date', example: '2026-07-05', description: 'Day the worker checked on the child after the return' })
  @IsCalendarDate()
  returnCheckedOn!: string;

  @ApiProperty({ example: '元気に登校。施設での様子も安定していたと母より聴取。' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  childCondition!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}
