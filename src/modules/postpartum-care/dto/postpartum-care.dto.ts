import { IsOmittable } from '../../../common/http/optional';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate, TrimToNull } from '../../pregnancy-notifications/dto/japan-date.validator';
import { MotherSummary } from '../../pregnancy-notifications/dto/mother.dto';
import { PostpartumCareStatus } from '../postpartum-care.entity';
import { PostpartumCareAction } from '../postpartum-eligibility';
import { PostpartumCareType } from '../postpartum-care-type';

export class CreatePostpartumCareApplicationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The 妊娠届 of this birth (gives the mother); either this, `interviewId` or `motherId`' })
  @IsOmittable()
  @IsUUID()
  notificationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The 妊婦面談 that referred her to 産後ケア' })
  @IsOmittable()
  @IsUUID()
  interviewId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The mother, when there is no 妊娠届 on record here (e.g. moved in after the birth)' })
  @IsOmittable()
  @IsUUID()
  motherId?: string;

  @ApiProperty({ enum: PostpartumCareType }) @IsEnum(PostpartumCareType) serviceType!: PostpartumCareType;
  @ApiProperty({ example: '2026-04-02', description: '出生日' }) @IsJapanDate() babyBirthDate!: string;
  @ApiProperty({ example: '2026-05-01', description: '申請日' }) @IsJapanDate() appliedOn!: string;
  @ApiProperty({ minimum: 1, maximum: 60, description: '希望日数・回数' }) @IsInt() @Min(1) @Max(60) requestedSessions!: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @IsOptional()
  @IsJapanDate()
  preferredStartOn?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '実施施設・助産師' })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  providerName?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '利用理由・状況' })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export class ApprovePostpartumCareDto {
  @ApiProperty({ minimum: 1, maximum: 60, description: '承認日数・回数' }) @IsInt() @Min(1) @Max(60) approvedSessions!: number;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class DecidePostpartumCareDto {
  @ApiProperty({ description: '理由' })
  @TrimToNull()
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class RecordPostpartumSessionDto {
  @ApiProperty({ example: '2026-05-10', description: '利用日' }) @IsJapanDate() usedOn!: string;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ListPostpartumCareQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PostpartumCareStatus }) @IsOptional() @IsEnum(PostpartumCareStatus) status?: PostpartumCareStatus;
  @ApiPropertyOptional({ enum: PostpartumCareType }) @IsOptional() @IsEnum(PostpartumCareType) serviceType?: PostpartumCareType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() motherId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() notificationId?: string;
}

export class PostpartumSessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) usedOn!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() recordedByName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class PostpartumCareApplicationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ type: MotherSummary }) mother!: MotherSummary;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) notificationId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) interviewId!: string | null;
  @ApiProperty({ enum: PostpartumCareType }) serviceType!: PostpartumCareType;
  @ApiProperty() serviceTypeLabel!: string;
  @ApiProperty({ format: 'date' }) babyBirthDate!: string;
  @ApiProperty({ description: "Baby's age in days today" }) babyAgeDays!: number;
  @ApiProperty({ format: 'date' }) appliedOn!: string;
  @ApiProperty() requestedSessions!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) preferredStartOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ enum: PostpartumCareStatus }) status!: PostpartumCareStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ enum: PostpartumCareAction, isArray: true, description: 'Actions the state allows (roles still apply)' }) allowedActions!: PostpartumCareAction[];
  @ApiProperty({ nullable: true, type: Number }) approvedSessions!: number | null;
  @ApiProperty() usedSessions!: number;
  @ApiProperty({ nullable: true, type: Number }) remainingSessions!: number | null;
  @ApiProperty({ format: 'date', description: 'Last day the service may be used' }) eligibleUntil!: string;
  @ApiProperty({ nullable: true, type: String }) decidedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledReason!: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() editable!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class PostpartumCareApplicationDetail extends PostpartumCareApplicationView {
  @ApiProperty({ type: [PostpartumSessionView] }) sessions!: PostpartumSessionView[];
}
