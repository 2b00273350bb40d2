import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { FacilityType } from '../../facilities/facility.entity';
import { QueryBoolean } from '../../../common/http/query-boolean';

const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export class CreateChildOfConcernDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ format: 'uuid', description: 'A child member of the case' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  facilityId!: string;

  @ApiProperty({ example: '2026-04-01' })
  @IsJapanDate()
  startOn!: string;

  @ApiPropertyOptional({ nullable: true, description: 'Open-ended when absent' })
  @IsOptional()
  @IsJapanDate()
  endOn?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'ひまわり組（4歳児）' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(100)
  className?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'What the facility is asked to watch for (as shared with the facility)' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export class UpdateChildOfConcernDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsJapanDate()
  startOn?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Set to end the flag (stops the monthly reports); null reopens it' })
  @IsOptional()
  @IsJapanDate()
  endOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(100)
  className?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListChildrenOfConcernQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'Flagged on this date (Japan date)' })
  @IsOptional()
  @IsJapanDate()
  activeOn?: string;

  @ApiPropertyOptional({ description: 'true = flagged today; false = ended' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class ChildOfConcernView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) caseOfficeId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String }) birthDate!: string | null;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() facilityName!: string;
  @ApiProperty({ enum: FacilityType }) facilityType!: FacilityType;
  @ApiProperty() startOn!: string;
  @ApiProperty({ nullable: true, type: String }) endOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) className!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Latest month with an attendance report (YYYY-MM)' }) lastReportMonth!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
