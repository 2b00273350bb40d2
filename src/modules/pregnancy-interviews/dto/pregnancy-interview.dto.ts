import { IsOmittable } from '../../../common/http/optional';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../../common/pagination/keyset';
import { QueryBoolean } from '../../../common/http/query-boolean';
import { IsJapanDate, TrimToNull } from '../../pregnancy-notifications/dto/japan-date.validator';
import { MotherSummary } from '../../pregnancy-notifications/dto/mother.dto';
import {
  HousingType,
  InsuranceType,
  InterviewPlace,
  PartnerSituation,
  PregnancyFeeling,
  RequestedService,
  SubstanceUse,
  SupportNeed,
  SupportPerson,
} from '../pregnancy-interview.entity';
import { ScreeningFactor } from '../support-need.rule';
import { FiscalYearParam } from '../../../common/time/fiscal-year.param';

const Note = (max = 2000) => (target: object, key: string | symbol) => {
  TrimToNull()(target, key);
  IsOptional()(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
  ApiPropertyOptional({ nullable: true, type: String, maxLength: max })(target, key);
};

/** The structured answers the screening rule reads (also accepted alone by the screening preview). */
export class ScreeningAnswersDto {
  @ApiProperty({ enum: PartnerSituation, description: 'パートナーの状況' })
  @IsEnum(PartnerSituation)
  partnerSituation!: PartnerSituation;

  @ApiProperty({ enum: SupportPerson, isArray: true, description: '支援者 (empty = 支援者なし)' })
  @IsArray()
  @IsEnum(SupportPerson, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(6)
  supportPersons!: SupportPerson[];

  @ApiProperty({ description: '既往歴あり' }) @IsBoolean() pastIllness!: boolean;
  @ApiProperty({ description: '精神疾患の既往・通院歴' }) @IsBoolean() mentalIllnessHistory!: boolean;
  @ApiProperty({ description: '眠れない' }) @IsBoolean() insomnia!: boolean;
  @ApiProperty({ description: 'この2週間、気分が沈む・憂うつ' }) @IsBoolean() lowMood!: boolean;
  @ApiProperty({ description: 'この2週間、物事への興味・楽しみがない' }) @IsBoolean() lossOfInterest!: boolean;
  @ApiProperty({ description: '妊娠・出産・育児への強い不安' }) @IsBoolean() strongAnxiety!: boolean;

  @ApiProperty({ enum: SubstanceUse, description: '喫煙' }) @IsEnum(SubstanceUse) smoking!: SubstanceUse;
  @ApiProperty({ enum: SubstanceUse, description: '飲酒' }) @IsEnum(SubstanceUse) drinking!: SubstanceUse;

  @ApiProperty({ description: '生活保護受給中' }) @IsBoolean() publicAssistance!: boolean;
  @ApiProperty({ enum: InsuranceType, description: '健康保険の種類' }) @IsEnum(InsuranceType) insuranceType!: InsuranceType;
  @ApiProperty({ description: '経済的な不安がある' }) @IsBoolean() economicWorry!: boolean;

  @ApiProperty({ enum: HousingType, description: '住居' }) @IsEnum(HousingType) housingType!: HousingType;
  @ApiProperty({ description: '転居予定あり' }) @IsBoolean() planningToMove!: boolean;

  @ApiProperty({ description: 'DVの疑い・訴え' }) @IsBoolean() domesticViolence!: boolean;
  @ApiProperty({ description: '上の子の要保護・虐待対応歴' }) @IsBoolean() priorChildProtection!: boolean;
  @ApiProperty({ description: '妊婦健診未受診' }) @IsBoolean() noPrenatalCheckups!: boolean;

  @ApiProperty({ enum: PregnancyFeeling, description: '妊娠がわかったときの気持ち' }) @IsEnum(PregnancyFeeling) pregnancyFeeling!: PregnancyFeeling;
}

export class ScreeningPreviewDto extends ScreeningAnswersDto {
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Age of the mother on the interview date, when known' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(70)
  motherAgeOnInterview?: number | null;

  @ApiProperty({ description: '届出時の妊娠週数' }) @IsInt() @Min(0) @Max(45) weeksAtFiling!: number;
  @ApiProperty({ description: '多胎妊娠' }) @IsBoolean() multiplePregnancy!: boolean;
}

export class CreatePregnancyInterviewDto extends ScreeningAnswersDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  notificationId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The interviewer, a consultant of the office (default: the caller)' })
  @IsOmittable()
  @IsUUID()
  consultantId?: string;

  @ApiProperty({ example: '2026-05-20', description: '面談日' }) @IsJapanDate() interviewedOn!: string;
  @ApiProperty({ enum: InterviewPlace, description: '面談場所' }) @IsEnum(InterviewPlace) place!: InterviewPlace;
  @ApiProperty({ example: 10, description: '面談時の妊娠週数' }) @IsInt() @Min(0) @Max(60) weeksAtInterview!: number;

  @Note() supportNote?: string | null;
  @Note() pastIllnessNote?: string | null;
  @Note() healthNote?: string | null;
  @Note() economicNote?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: '転居予定日' })
  @IsOptional()
  @IsJapanDate()
  movePlannedOn?: string | null;

  @Note() housingNote?: string | null;
  @Note() feelingNote?: string | null;

  @ApiPropertyOptional({ enum: RequestedService, isArray: true, description: '希望する支援・サービス' })
  @IsOmittable()
  @IsArray()
  @IsEnum(RequestedService, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(8)
  requestedServices?: RequestedService[];

  @Note(4000) wishes?: string | null;

  @ApiProperty({ description: '支援プラン', example: '産後2週間で電話。新生児訪問を調整。' })
  @TrimToNull()
  @IsString()
  @Length(1, 4000)
  supportPlan!: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'フォロー予定日 (reminder to the interviewer on the day)' })
  @IsOptional()
  @IsJapanDate()
  followUpOn?: string | null;

  @ApiPropertyOptional({ enum: SupportNeed, description: "The consultant's judgement; may raise the screening result, never lower it" })
  @IsOmittable()
  @IsEnum(SupportNeed)
  assessedNeed?: SupportNeed;

  @Note() needRaisedReason?: string | null;
}

export class UpdatePregnancyInterviewDto extends PartialType(OmitType(CreatePregnancyInterviewDto, ['notificationId'] as const)) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class CompleteFollowUpDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @Note() note?: string | null;
}

export class ListPregnancyInterviewsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() notificationId?: string;
  @ApiPropertyOptional({ enum: SupportNeed }) @IsOptional() @IsEnum(SupportNeed) supportNeed?: SupportNeed;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() consultantId?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsJapanDate() interviewedFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsJapanDate() interviewedTo?: string;

  @ApiPropertyOptional({ description: 'true: only interviews with a follow-up date not yet done' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  followUpPending?: boolean;

  @FiscalYearParam()
  fiscalYear?: number;
}

export class ScreeningFactorView {
  @ApiProperty({ enum: ScreeningFactor }) code!: ScreeningFactor;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'A serious factor makes a candidate by itself' }) serious!: boolean;
}

export class ScreeningResultView {
  @ApiProperty({ enum: SupportNeed }) need!: SupportNeed;
  @ApiProperty() needLabel!: string;
  @ApiProperty({ type: [ScreeningFactorView] }) factors!: ScreeningFactorView[];
}

export class PregnancyInterviewView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ type: MotherSummary }) mother!: MotherSummary;
  @ApiProperty({ format: 'date' }) filedOn!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ format: 'uuid' }) consultantId!: string;
  @ApiProperty() consultantName!: string;
  @ApiProperty({ format: 'date' }) interviewedOn!: string;
  @ApiProperty({ enum: InterviewPlace }) place!: InterviewPlace;
  @ApiProperty() placeLabel!: string;
  @ApiProperty() weeksAtInterview!: number;
  @ApiProperty({ enum: PartnerSituation }) partnerSituation!: PartnerSituation;
  @ApiProperty({ enum: SupportPerson, isArray: true }) supportPersons!: SupportPerson[];
  @ApiProperty({ nullable: true, type: String }) supportNote!: string | null;
  @ApiProperty() pastIllness!: boolean;
  @ApiProperty({ nullable: true, type: String }) pastIllnessNote!: string | null;
  @ApiProperty() mentalIllnessHistory!: boolean;
  @ApiProperty() insomnia!: boolean;
  @ApiProperty() lowMood!: boolean;
  @ApiProperty() lossOfInterest!: boolean;
  @ApiProperty() strongAnxiety!: boolean;
  @ApiProperty({ nullable: true, type: String }) healthNote!: string | null;
  @ApiProperty({ enum: SubstanceUse }) smoking!: SubstanceUse;
  @ApiProperty({ enum: SubstanceUse }) drinking!: SubstanceUse;
  @ApiProperty() publicAssistance!: boolean;
  @ApiProperty({ enum: InsuranceType }) insuranceType!: InsuranceType;
  @ApiProperty() economicWorry!: boolean;
  @ApiProperty({ nullable: true, type: String }) economicNote!: string | null;
  @ApiProperty({ enum: HousingType }) housingType!: HousingType;
  @ApiProperty() planningToMove!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) movePlannedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) housingNote!: string | null;
  @ApiProperty() domesticViolence!: boolean;
  @ApiProperty() priorChildProtection!: boolean;
  @ApiProperty() noPrenatalCheckups!: boolean;
  @ApiProperty({ enum: PregnancyFeeling }) pregnancyFeeling!: PregnancyFeeling;
  @ApiProperty({ nullable: true, type: String }) feelingNote!: string | null;
  @ApiProperty({ enum: RequestedService, isArray: true }) requestedServices!: RequestedService[];
  @ApiProperty({ nullable: true, type: String }) wishes!: string | null;
  @ApiProperty() supportPlan!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) followUpOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) followUpDoneAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) followUpNote!: string | null;
  @ApiProperty({ type: ScreeningResultView, description: 'What the screening rule answered' }) screening!: ScreeningResultView;
  @ApiProperty({ enum: SupportNeed, description: 'The need in force (screening, or raised by the consultant)' }) supportNeed!: SupportNeed;
  @ApiProperty() supportNeedLabel!: string;
  @ApiProperty({ nullable: true, type: String }) needRaisedReason!: string | null;
  @ApiProperty({ description: 'false when read through a linked case (子ども家庭支援センター)' }) editable!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class PregnancyInterviewListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ type: MotherSummary }) mother!: MotherSummary;
  @ApiProperty({ format: 'date' }) interviewedOn!: string;
  @ApiProperty({ enum: InterviewPlace }) place!: InterviewPlace;
  @ApiProperty() placeLabel!: string;
  @ApiProperty() consultantName!: string;
  @ApiProperty({ enum: SupportNeed }) supportNeed!: SupportNeed;
  @ApiProperty() supportNeedLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) followUpOn!: string | null;
  @ApiProperty() followUpDone!: boolean;
}

export class ConfirmSpecifiedDto {
  @ApiProperty({ format: 'uuid', description: 'The 子ども家庭支援センター that takes the case' })
  @IsUUID()
  centreOfficeId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "An open case of that centre to link instead of opening one (the centre tells you its id). Without it, the centre's open case with the mother as a member is linked, else a case is opened." })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ description: '判定理由' })
  @TrimToNull()
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class DeclineSpecifiedDto {
  @ApiProperty({ description: '該当しないと判断した理由' })
  @TrimToNull()
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class SpecifiedConfirmation {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) centreOfficeId!: string;
  @ApiProperty({ description: 'true: a case was opened; false: an existing case was linked' }) caseOpened!: boolean;
}
