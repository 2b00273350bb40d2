import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { CaseStatus } from '../../cases/entities/case.entity';
import { MemberRelationship } from '../../cases/entities/case-member.entity';
import { PersonKind, Sex } from '../person.entity';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value);

export class CreatePersonDto {
  @ApiProperty({ enum: PersonKind })
  @IsEnum(PersonKind)
  kind!: PersonKind;

  @ApiProperty({ example: '山田 花子', description: '氏名（漢字）' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  nameKanji!: string;

  @ApiProperty({ example: 'ヤマダ ハナコ', description: '氏名（カナ）: hiragana, full- or half-width katakana; spaces are ignored' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  nameKana!: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', example: '2019-06-01' })
  @IsOptional()
  @IsJapanDate()
  birthDate?: string | null;

  @ApiPropertyOptional({ enum: Sex, default: Sex.Unknown })
  @IsOmittable()
  @IsEnum(Sex)
  sex?: Sex;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(50)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(4000)
  notes?: string | null;

  @ApiPropertyOptional({ description: 'Create even though likely duplicates were found (the decision is audited)' })
  @IsOmittable()
  @IsBoolean()
  createAnyway?: boolean;
}

export class UpdatePersonDto extends PartialType(PickType(CreatePersonDto, ['kind', 'nameKanji', 'nameKana', 'birthDate', 'sex', 'address', 'phone', 'notes'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class DuplicateCheckDto extends PickType(CreatePersonDto, ['nameKana', 'birthDate'] as const) {
  @ApiPropertyOptional({ example: '山田 花子' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  nameKanji?: string;
}

export class SearchPersonsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Name in kana or kanji, partial (kana spellings are normalised: ヤマダ, やまだ, ﾔﾏﾀﾞ find each other)' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ enum: ['contains', 'prefix'], default: 'contains', description: 'prefix is the fastest for kana (読み) lookups' })
  @IsOmittable()
  @IsIn(['contains', 'prefix'])
  match?: 'contains' | 'prefix';

  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOmittable()
  @IsJapanDate()
  birthDate?: string;

  @ApiPropertyOptional({ enum: PersonKind })
  @IsOmittable()
  @IsEnum(PersonKind)
  kind?: PersonKind;

  @ApiPropertyOptional({ example: 'R8-0012', description: 'Members of the case with this number (in scope)' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 30)
  caseNumber?: string;
}

export class LinkPersonDto {
  @ApiProperty({ format: 'uuid', description: 'The other record of the same individual' })
  @IsUUID()
  otherPersonId!: string;

  @ApiProperty({ example: '転入前の登録と同一人物（母子手帳で確認）' })
  @Transform(trim)
  @IsString()
  @Length(5, 1000)
  reason!: string;
}

export class UnlinkPersonDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(5, 1000)
  reason!: string;
}

export class PersonCaseRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: CaseStatus }) status!: CaseStatus;
  @ApiProperty({ enum: MemberRelationship }) relationship!: MemberRelationship;
  @ApiProperty() relationshipLabel!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
}

export class PersonSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ enum: PersonKind }) kind!: PersonKind;
  @ApiProperty() kindLabel!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate!: string | null;
  @ApiProperty({ enum: Sex }) sex!: Sex;
  @ApiProperty() sexLabel!: string;
}

export class PersonListItem extends PersonSummary {
  @ApiProperty({ type: [PersonCaseRef], description: 'Cases in your scope the person belongs to' }) cases!: PersonCaseRef[];
}

export class PersonLinkView {
  @ApiProperty({ format: 'uuid' }) linkId!: string;
  @ApiProperty({ type: PersonSummary }) person!: PersonSummary;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) linkedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) linkedAt!: Date;
}

export class PersonView extends PersonSummary {
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ enum: ['full', 'read_only'] }) accessLevel!: 'full' | 'read_only';
  @ApiProperty({ type: [PersonCaseRef] }) cases!: PersonCaseRef[];
  @ApiProperty({ type: [PersonLinkView], description: 'Other records of the same individual (in your scope)' }) sameIndividual!: PersonLinkView[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class DuplicateCandidate extends PersonSummary {
  @ApiProperty({ isArray: true, enum: ['same_kana_and_birth_date', 'same_kanji_and_birth_date', 'similar_kana_and_same_birth_date', 'same_kana_birth_date_unknown'] })
  reasons!: string[];
  @ApiProperty({ description: 'Trigram similarity of the kana keys (0–1)' }) similarity!: number;
}

export class DuplicateCheckResult {
  @ApiProperty({ type: [DuplicateCandidate] }) candidates!: DuplicateCandidate[];
}
