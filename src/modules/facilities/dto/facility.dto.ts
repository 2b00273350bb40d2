import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { FacilityType } from '../facility.entity';
import { QueryBoolean } from '../../../common/http/query-boolean';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
/** `?type=nursery&type=kindergarten` and `?type=nursery,kindergarten` both give a list. */
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class CreateFacilityDto {
  @ApiProperty({ enum: FacilityType })
  @IsEnum(FacilityType)
  type!: FacilityType;

  @ApiProperty({ example: '練馬区立〇〇保育園' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ nullable: true, example: '練馬区豊玉北6-12-1' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '03-0000-0000' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Contact at the facility (e.g. 園長 練馬 花子)' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(100)
  contactPerson?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: "Office in charge of the facility's area. Supervisors may only use their own office (the default)." })
  @IsOmittable()
  @IsUUID()
  officeId?: string;
}

export class UpdateFacilityDto extends PartialType(PickType(CreateFacilityDto, ['type', 'name', 'address', 'phone', 'contactPerson', 'officeId'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false = no longer used (kept for history; hidden from pickers by default)' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListFacilitiesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FacilityType, isArray: true, description: 'One or more types (repeat the parameter or separate with commas)' })
  @IsOptional()
  @Transform(toList)
  @IsEnum(FacilityType, { each: true })
  @ArrayMaxSize(20)
  type?: FacilityType[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ description: 'true = in use only (the default for pickers), false = retired only; omit for both' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class FacilityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: FacilityType }) type!: FacilityType;
  @ApiProperty() typeLabel!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPerson!: string | null;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
