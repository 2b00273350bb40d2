import { IsOmittable } from '../../../common/http/optional';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../common/pagination/keyset';
import { ContactMethod, ContactResult } from '../contact-attempt.entity';
import { BirthOrder, PregnancyNotificationStatus, SpecifiedStatus } from '../pregnancy-notification.entity';
import { PregnancyHistoryAction } from '../pregnancy-history';
import { QueryBoolean } from '../../../common/http/query-boolean';
import { IsJapanDate, TrimToNull } from './japan-date.validator';
import { InlineMotherDto, MotherSummary } from './mother.dto';
import { FiscalYearParam } from '../../../common/time/fiscal-year.param';

export class CreatePregnancyNotificationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An already registered person (either this or `mother`)' })
  @IsOmittable()
  @IsUUID()
  motherId?: string;

  @ApiPropertyOptional({ type: InlineMotherDto, description: 'A person to register with the notification (either this or `motherId`)' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => InlineMotherDto)
  mother?: InlineMotherDto;

  @ApiPropertyOptional({ description: 'Register `mother` even though a person with the same kana reading and birth date exists' })
  @IsOmittable()
  @IsBoolean()
  createAnyway?: boolean;

  @ApiProperty({ example: '2026-05-20', description: '届出日' })
  @IsJapanDate()
  filedOn!: string;

  @ApiProperty({ example: 10, description: '届出時の妊娠週数 (completed weeks, 4–41)' })
  @IsInt()
  @Min(0)
  @Max(60)
  weeksAtFiling!: number;

  @ApiProperty({ example: '2026-12-16', description: '出産予定日' })
  @IsJapanDate()
  dueDate!: string;

  @ApiPropertyOptional({ nullable: true, example: '練馬総合病院', description: '医療機関' })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  medicalInstitution?: string | null;

  @ApiProperty({ enum: BirthOrder, description: '初産/経産' })
  @IsEnum(BirthOrder)
  birthOrder!: BirthOrder;

  @ApiProperty({ description: '多胎妊娠' })
  @IsBoolean()
  multiplePregnancy!: boolean;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class UpdatePregnancyNotificationDto extends PartialType(
  PickType(CreatePregnancyNotificationDto, ['filedOn', 'weeksAtFiling', 'dueDate', 'medicalInstitution', 'birthOrder', 'multiplePregnancy', 'notes'] as const),
) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListPregnancyNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PregnancyNotificationStatus })
  @IsOptional()
  @IsEnum(PregnancyNotificationStatus)
  status?: PregnancyNotificationStatus;

  @ApiPropertyOptional({ enum: SpecifiedStatus, description: 'e.g. `candidate` for the supervisor\'s 特定妊婦 queue' })
  @IsOptional()
  @IsEnum(SpecifiedStatus)
  specifiedStatus?: SpecifiedStatus;

  @FiscalYearParam('年度 of the filing date')
  fiscalYear?: number;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsJapanDate()
  filedFrom?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsJapanDate()
  filedTo?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  motherId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Notifications linked to this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class WaitingListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only 連絡不通, false: only 面談未実施 (default both)' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unreachable?: boolean;
}

export class CreateContactAttemptDto {
  @ApiProperty({ example: '2026-06-01' })
  @IsJapanDate()
  attemptedOn!: string;

  @ApiProperty({ enum: ContactMethod })
  @IsEnum(ContactMethod)
  method!: ContactMethod;

  @ApiProperty({ enum: ContactResult })
  @IsEnum(ContactResult)
  result!: ContactResult;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class PregnancyNotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty({ type: MotherSummary }) mother!: MotherSummary;
  @ApiProperty({ nullable: true, type: Number, description: 'Age on the filing date' }) motherAgeAtFiling!: number | null;
  @ApiProperty({ format: 'date' }) filedOn!: string;
  @ApiProperty() weeksAtFiling!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: String }) medicalInstitution!: string | null;
  @ApiProperty({ enum: BirthOrder }) birthOrder!: BirthOrder;
  @ApiProperty() birthOrderLabel!: string;
  @ApiProperty() multiplePregnancy!: boolean;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ enum: PregnancyNotificationStatus }) status!: PregnancyNotificationStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) firstInterviewedOn!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Days since filing while not interviewed; null once interviewed' }) daysWaiting!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Days from filing to the first interview' }) daysToInterview!: number | null;
  @ApiProperty({ description: 'Unsuccessful contact attempts since the last successful contact' }) consecutiveUnsuccessfulAttempts!: number;
  @ApiProperty({ enum: SpecifiedStatus }) specifiedStatus!: SpecifiedStatus;
  @ApiProperty() specifiedStatusLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) specifiedInterviewId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) specifiedDecidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) specifiedDecisionNote!: string | null;
  @ApiProperty({ description: 'false when the caller reads it through a linked case (子ども家庭支援センター)' }) editable!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ContactAttemptView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'date' }) attemptedOn!: string;
  @ApiProperty({ enum: ContactMethod }) method!: ContactMethod;
  @ApiProperty() methodLabel!: string;
  @ApiProperty({ enum: ContactResult }) result!: ContactResult;
  @ApiProperty() resultLabel!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedByName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ContactAttemptOutcome {
  @ApiProperty({ type: ContactAttemptView }) attempt!: ContactAttemptView;
  @ApiProperty({ type: PregnancyNotificationView }) notification!: PregnancyNotificationView;
  @ApiProperty({ description: 'The configured number of unsuccessful attempts that makes a notification 連絡不通' }) unreachableAfterAttempts!: number;
  @ApiProperty() becameUnreachable!: boolean;
}

export class InterviewSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) interviewedOn!: string;
  @ApiProperty() consultantName!: string;
  @ApiProperty() supportNeed!: string;
  @ApiProperty() supportNeedLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) followUpOn!: string | null;
}

export class HistoryEntry {
  @ApiProperty({ enum: PregnancyHistoryAction }) action!: PregnancyHistoryAction;
  @ApiProperty() actionLabel!: string;
  @ApiProperty({ enum: PregnancyNotificationStatus }) status!: PregnancyNotificationStatus;
  @ApiProperty({ enum: SpecifiedStatus }) specifiedStatus!: SpecifiedStatus;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
}

export class PregnancyNotificationDetail extends PregnancyNotificationView {
  @ApiProperty({ type: [InterviewSummary] }) interviews!: InterviewSummary[];
  @ApiProperty({ type: [ContactAttemptView] }) contactAttempts!: ContactAttemptView[];
  @ApiProperty({ type: [HistoryEntry] }) history!: HistoryEntry[];
}

export class WaitingNotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: MotherSummary }) mother!: MotherSummary;
  @ApiProperty({ format: 'date' }) filedOn!: string;
  @ApiProperty() daysWaiting!: number;
  @ApiProperty() weeksAtFiling!: number;
  @ApiProperty({ description: 'Completed weeks today, from the due date' }) weeksToday!: number;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ enum: PregnancyNotificationStatus }) status!: PregnancyNotificationStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty() contactAttempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) lastAttemptOn!: string | null;
}
