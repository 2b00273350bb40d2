import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { ConsultantScope, OfficeType } from '../office.entity';

export class CreateOfficeDto {
  @ApiProperty({ example: 'CFS-NUKUI', description: 'Upper-case letters, digits and - (2–32)' })
  @IsString()
  @Matches(/^[A-Z0-9-]{2,32}$/)
  code!: string;

  @ApiProperty({ example: '貫井子ども家庭支援センター' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: OfficeType })
  @IsEnum(OfficeType)
  type!: OfficeType;

  @ApiPropertyOptional({ description: '先駆型 main centre' })
  @IsOmittable()
  @IsBoolean()
  isMain?: boolean;
}

export class UpdateOfficeDto extends PartialType(PickType(CreateOfficeDto, ['name', 'isMain'] as const)) {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: ConsultantScope, description: "Which cases the office's consultants open: every open case of the office, or only those assigned to them" })
  @IsOmittable()
  @IsEnum(ConsultantScope)
  consultantScope?: ConsultantScope;

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class OfficeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OfficeType }) type!: OfficeType;
  @ApiProperty() typeLabel!: string;
  @ApiProperty() isMain!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: ConsultantScope }) consultantScope!: ConsultantScope;
  @ApiProperty() consultantScopeLabel!: string;
  @ApiProperty() version!: number;
}
