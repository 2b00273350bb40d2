import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MemberRelationship } from '../../cases/entities/case-member.entity';
import { Sex } from '../../persons/person.entity';
import { ReferralCommentKind, ReferralLegalBasis, ReferralRequestedMeasure, ReferralSendMethod, ReferralState, ReferralUrgency } from '../referral.enums';

export class ReferralPersonView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate!: string | null;
  @ApiProperty({ enum: Sex }) sex!: Sex;
  @ApiProperty() sexLabel!: string;
  @ApiProperty({ enum: MemberRelationship }) relationship!: MemberRelationship;
  @ApiProperty() relationshipLabel!: string;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
}

export class ReferralAttachmentView {
  @ApiProperty() title!: string;
  @ApiPropertyOptional() note?: string;
}

export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: ReferralState }) state!: ReferralState;
  @ApiProperty() stateLabel!: string;
  @ApiProperty({ enum: ReferralUrgency }) urgency!: ReferralUrgency;
  @ApiProperty() urgencyLabel!: string;
  @ApiProperty({ description: 'AA or A' }) urgent!: boolean;
  @ApiProperty({ enum: ReferralLegalBasis, nullable: true }) legalBasis!: ReferralLegalBasis | null;
  @ApiProperty({ nullable: true, type: String }) legalBasisLabel!: string | null;
  @ApiProperty({ enum: ReferralRequestedMeasure, isArray: true }) requestedMeasures!: ReferralRequestedMeasure[];
  @ApiProperty({ type: [String] }) requestedMeasureLabels!: string[];
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) supportHistory!: string | null;
  @ApiProperty({ nullable: true, type: String }) riskSummary!: string | null;
  @ApiProperty({ nullable: true, type: String }) latestAssessment!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) latestAssessmentOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestDetails!: string | null;
  @ApiProperty({ type: [ReferralAttachmentView] }) attachments!: ReferralAttachmentView[];
  @ApiProperty({ type: [ReferralPersonView] }) children!: ReferralPersonView[];
  @ApiProperty({ type: [ReferralPersonView] }) guardians!: ReferralPersonView[];
  @ApiProperty() submissionCount!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) approvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) approverName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) sentOn!: string | null;
  @ApiProperty({ enum: ReferralSendMethod, nullable: true }) sendMethod!: ReferralSendMethod | null;
  @ApiProperty({ nullable: true, type: String }) sendMethodLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) centreName!: string | null;
  @ApiProperty({ nullable: true, type: String }) centreContact!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) answeredOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) centreCaseNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) closeReason!: string | null;
  @ApiProperty({ type: [String], description: 'What you may do next: `edit` and the state actions allowed to you' }) allowedActions!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ReferralListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: ReferralState }) state!: ReferralState;
  @ApiProperty() stateLabel!: string;
  @ApiProperty({ enum: ReferralUrgency }) urgency!: ReferralUrgency;
  @ApiProperty() urgencyLabel!: string;
  @ApiProperty({ type: [String], description: '対象児童の氏名' }) childNames!: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) sentOn!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ReviewQueueItem extends ReferralListItem {
  @ApiProperty({ description: 'Calendar days since submission (Japan dates)' }) daysWaiting!: number;
  @ApiProperty({ description: 'Working days since submission' }) workingDaysWaiting!: number;
  @ApiProperty({ description: 'Not reviewed within 2 working days' }) overdue!: boolean;
  @ApiProperty({ description: 'Submitted more than once (after a return)' }) resubmitted!: boolean;
  @ApiProperty({ description: 'false for your own referrals: another supervisor must review them' }) canReview!: boolean;
}

export class ReferralCommentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: ReferralCommentKind }) kind!: ReferralCommentKind;
  @ApiProperty() kindLabel!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ReferralEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() action!: string;
  @ApiProperty() actionLabel!: string;
  @ApiProperty({ enum: ReferralState, nullable: true }) fromState!: ReferralState | null;
  @ApiProperty({ enum: ReferralState }) toState!: ReferralState;
  @ApiProperty({ format: 'uuid' }) actorId!: string;
  @ApiProperty() actorName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}
