import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'consultant1' })
  @IsString()
  @Length(1, 64)
  loginId!: string;

  @ApiProperty({ example: 'hagukumi-demo' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty({ description: 'Single-use; each refresh answers a new one' }) refreshToken!: string;
  @ApiProperty() refreshExpiresIn!: number;
}
