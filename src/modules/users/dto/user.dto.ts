import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { Role } from '../../../common/auth/roles';
import { QueryBoolean } from '../../../common/http/query-boolean';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'consultant3', description: 'Letters, digits, . _ - (3–64)' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'loginId may only contain letters, digits, ., _ and - (3-64 characters)' })
  loginId!: string;

  @ApiProperty({ example: '練馬 花子' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiPropertyOptional({ nullable: true, example: 'hanako@example.jp' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  officeId!: string;

  @ApiProperty({ enum: Role, isArray: true })
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  roles!: Role[];

  @ApiProperty({ description: 'Initial password (the policy applies)' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['displayName', 'email', 'officeId', 'roles'] as const)) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  newPassword!: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  newPassword!: string;
}

export class UpdateOwnSettingsDto {
  @ApiPropertyOptional({ description: 'Receive reminders by e-mail as well as in the inbox' })
  @IsOmittable()
  @IsBoolean()
  emailNotifications?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ description: 'true = active only, false = deactivated only' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() loginId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiProperty() emailNotifications!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lockedUntil!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
