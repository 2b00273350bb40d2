import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsJapanDate, TrimToNull } from './japan-date.validator';

/** The expectant mother typed in at the counter, when she is not yet registered. */
export class InlineMotherDto {
  @ApiProperty({ example: '練馬 花子' })
  @TrimToNull()
  @IsString()
  @Length(1, 100)
  nameKanji!: string;

  @ApiProperty({ example: 'ネリマ ハナコ', description: 'カタカナ・ひらがな・半角カナ (normalised for duplicate checks)' })
  @TrimToNull()
  @IsString()
  @Length(1, 100)
  nameKana!: string;

  @ApiProperty({ example: '1994-04-12' })
  @IsJapanDate()
  birthDate!: string;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '03-1234-5678' })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+()\- ]{6,30}$/, { message: 'phone may contain digits, spaces, +, - and parentheses (6-30)' })
  phone?: string | null;
}

export class MotherSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate!: string | null;
}

export class DuplicateCandidate extends MotherSummary {}
