import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { IsDecimal } from '../../../common/http/decimal';
import { FiscalYearParam } from '../../../common/time/fiscal-year.param';
import { TrimToNull } from '../../pregnancy-notifications/dto/japan-date.validator';

export class MeasureTargetsQuery {
  @FiscalYearParam()
  fiscalYear?: number;
}

class TargetFields {
  @ApiPropertyOptional({ type: Number, nullable: true, example: 100, description: 'Numeric target, in the unit of the measure' })
  @IsOptional()
  @IsDecimal(2)
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  targetValue?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '実施（全ての妊婦）', description: "The plan's words (実施, 拡大, 計2か所...)" })
  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(200)
  targetText?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @TrimToNull()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class CreateMeasureTargetDto extends TargetFields {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiProperty({ example: 'pregnancy.interview_coverage', description: 'A measure code (dictionary `measure`)' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.]+$/)
  measureCode!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The office the target is for; omitted: the ward-wide target' })
  @IsOmittable()
  @IsUUID()
  officeId?: string;
}

export class UpdateMeasureTargetDto extends TargetFields {
  @ApiProperty({ description: 'The version you read (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class MeasureTargetView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty() measureCode!: string;
  @ApiProperty() measureLabel!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) officeId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) targetValue!: number | null;
  @ApiProperty({ type: String, nullable: true }) targetText!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
