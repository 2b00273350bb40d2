import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { PersonKind, Sex } from '../../persons/person.entity';
import { AbuseType, CaseStatus, SupportLevel } from '../entities/case.entity';
import { MemberRelationship } from '../entities/case-member.entity';
import { CaseTransferStatus } from '../entities/case-transfer.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CaseMemberInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: MemberRelationship })
  @IsEnum(MemberRelationship)
  relationship!: MemberRelationship;
}

export class CreateCaseDto {
  @ApiProperty({ example: '山田 世帯', description: 'How staff refer to the household' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  label!: string;

  @ApiProperty({ enum: SupportLevel })
  @IsEnum(SupportLevel)
  supportLevel!: SupportLevel;

  @ApiPropertyOptional({ enum: AbuseType, isArray: true })
  @IsOmittable()
  @IsArray()
  @IsEnum(AbuseType, { each: true })
  @ArrayUnique()
  abuseTypes?: AbuseType[];

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Defaults to today (Japan)' })
  @IsOmittable()
  @IsJapanDate()
  openedOn?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Supervisors only; a consultant who opens a case becomes its lead worker' })
  @IsOptional()
  @IsUUID()
  leadWorkerId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Supervisors only' })
  @IsOmittable()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(10)
  coWorkerIds?: string[];

  @ApiPropertyOptional({ type: [CaseMemberInput] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CaseMemberInput)
  members?: CaseMemberInput[];
}

export class UpdateCaseDto extends PartialType(PickType(CreateCaseDto, ['label', 'supportLevel', 'abuseTypes'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class AssignCaseDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '主担当 (null = unassigned)' })
  @ValidateIf((_object, value) => value !== null)
  @IsUUID()
  leadWorkerId!: string | null;

  @ApiProperty({ type: [String], description: '副担当 (replaces the current list)' })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(10)
  coWorkerIds!: string[];

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class CaseReasonDto {
  @ApiProperty({ example: '転居により支援終了（転出先へ情報提供済み）' })
  @Transform(trim)
  @IsString()
  @Length(2, 2000)
  reason!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class BreakGlassDto {
  @ApiProperty({ example: '夜間の緊急通告対応のため世帯状況の確認が必要', description: 'Why you need to open this restricted case (at least 5 characters); shown to the supervisors' })
  @Transform(trim)
  @IsString()
  @Length(5, 1000)
  reason!: string;
}

export class RequestTransferDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  toOfficeId!: string;

  @ApiProperty({ example: '世帯が貫井地区へ転居したため' })
  @Transform(trim)
  @IsString()
  @Length(2, 2000)
  reason!: string;
}

export class AcceptTransferDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Lead worker in the receiving office (defaults to unassigned)' })
  @IsOptional()
  @IsUUID()
  leadWorkerId?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class DeclineTransferDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(2, 2000)
  comment!: string;
}

export class ListTransfersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], default: 'incoming' })
  @IsOmittable()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: CaseTransferStatus })
  @IsOmittable()
  @IsEnum(CaseTransferStatus)
  status?: CaseTransferStatus;
}

export class SearchCasesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Household label or a member name, kana or kanji, partial' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'A member born on this date' })
  @IsOmittable()
  @IsJapanDate()
  birthDate?: string;

  @ApiPropertyOptional({ example: 'R8-0012', description: 'Exact, or a prefix ending in * (e.g. R8-*)' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,30}\*?$/)
  caseNumber?: string;

  @ApiPropertyOptional({ enum: SupportLevel })
  @IsOmittable()
  @IsEnum(SupportLevel)
  supportLevel?: SupportLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'Lead worker (主担当)' })
  @IsOmittable()
  @IsUUID()
  leadWorkerId?: string;

  @ApiPropertyOptional({ enum: ['me'], description: 'me: cases where you are the lead worker or a co-worker' })
  @IsOmittable()
  @IsIn(['me'])
  assignedTo?: 'me';

  @ApiPropertyOptional({ enum: CaseStatus, description: 'Default: every status in scope' })
  @IsOmittable()
  @IsEnum(CaseStatus)
  status?: CaseStatus;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Open cases whose progress review is due on or before this date' })
  @IsOmittable()
  @IsJapanDate()
  reviewDueBy?: string;

  @ApiPropertyOptional({ enum: ['opened_desc', 'next_review_asc'], default: 'opened_desc' })
  @IsOmittable()
  @IsIn(['opened_desc', 'next_review_asc'])
  sort?: 'opened_desc' | 'next_review_asc';
}

export class WorkerRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class CaseMemberView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: MemberRelationship }) relationship!: MemberRelationship;
  @ApiProperty() relationshipLabel!: string;
  @ApiProperty({ enum: PersonKind }) kind!: PersonKind;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate!: string | null;
  @ApiProperty({ enum: Sex }) sex!: Sex;
}

export class CaseShareView {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty() reason!: string;
}

export class CaseSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: SupportLevel }) supportLevel!: SupportLevel;
  @ApiProperty() supportLevelLabel!: string;
  @ApiProperty({ enum: AbuseType, isArray: true }) abuseTypes!: AbuseType[];
  @ApiProperty({ enum: CaseStatus }) status!: CaseStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() restricted!: boolean;
  @ApiProperty({ type: String, format: 'date' }) openedOn!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) nextReviewOn!: string | null;
  @ApiProperty({ nullable: true, type: WorkerRef }) leadWorker!: WorkerRef | null;
}

export class CaseListMember {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: MemberRelationship }) relationship!: MemberRelationship;
  @ApiProperty() relationshipLabel!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate!: string | null;
}

export class CaseListItem extends CaseSummary {
  @ApiProperty({ type: [CaseListMember] }) members!: CaseListMember[];
}

export class CaseTransferView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) fromOfficeId!: string;
  @ApiProperty() fromOfficeName!: string;
  @ApiProperty({ format: 'uuid' }) toOfficeId!: string;
  @ApiProperty() toOfficeName!: string;
  @ApiProperty({ enum: CaseTransferStatus }) status!: CaseTransferStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() previousCaseNumber!: string;
  @ApiProperty({ nullable: true, type: String }) newCaseNumber!: string | null;
  @ApiProperty({ description: 'What the receiving office sees before accepting' }) caseLabel!: string;
  @ApiProperty({ enum: SupportLevel }) supportLevel!: SupportLevel;
  @ApiProperty() restricted!: boolean;
  @ApiProperty() memberCount!: number;
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) decisionComment!: string | null;
  @ApiProperty() version!: number;
}

export class CaseView extends CaseSummary {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ type: [String] }) abuseTypeLabels!: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) closedReason!: string | null;
  @ApiProperty({ type: [WorkerRef] }) coWorkers!: WorkerRef[];
  @ApiProperty({ type: [CaseMemberView] }) members!: CaseMemberView[];
  @ApiProperty({ type: [CaseShareView], description: 'Other offices that can read this case' }) sharedWith!: CaseShareView[];
  @ApiProperty({ nullable: true, type: CaseTransferView }) pendingTransfer!: CaseTransferView | null;
  @ApiProperty({ description: '通告 whose 安全確認 is not yet recorded' }) reportsAwaitingSafetyConfirmation!: number;
  @ApiProperty({ enum: ['full', 'read_only'] }) accessLevel!: 'full' | 'read_only';
  @ApiProperty({ type: [String], description: 'Actions you may take now (for the UI; the server checks each again)' }) allowedActions!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class BreakGlassGrantView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: Date;
}
