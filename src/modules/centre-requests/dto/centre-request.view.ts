import { ApiProperty } from '@nestjs/swagger';
import { Sex } from '../../persons/person.entity';
import { CentreRequestKind, CentreRequestState, ProgressReportState } from '../centre-request.enums';

export class CentreRequestChildView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate!: string | null;
  @ApiProperty({ enum: Sex }) sex!: Sex;
  @ApiProperty() sexLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The person registered in the case, once assigned' }) personId!: string | null;
}

export class CentreRequestListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CentreRequestKind }) kind!: CentreRequestKind;
  @ApiProperty() kindLabel!: string;
  @ApiProperty({ enum: CentreRequestState }) state!: CentreRequestState;
  @ApiProperty() stateLabel!: string;
  @ApiProperty() centreName!: string;
  @ApiProperty() centreCaseNumber!: string;
  @ApiProperty({ type: String, format: 'date' }) receivedOn!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) leadWorkerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) leadWorkerName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) caseNumber!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) nextReportDueOn!: string | null;
  @ApiProperty({ type: [String] }) childNames!: string[];
}

export class CentreRequestView extends CentreRequestListItem {
  @ApiProperty() legalBasisLabel!: string;
  @ApiProperty({ nullable: true, type: String }) centreContact!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) measureStartOn!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) conditions!: string | null;
  @ApiProperty({ nullable: true, type: Number }) reportingIntervalMonths!: number | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedByName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) assignedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) liftedNoticeOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) endReason!: string | null;
  @ApiProperty({ type: [CentreRequestChildView] }) children!: CentreRequestChildView[];
  @ApiProperty({ type: [String], description: 'What you may do next' }) allowedActions!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ProgressReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() centreCaseNumber!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ type: String, format: 'date' }) dueOn!: string;
  @ApiProperty({ type: String, format: 'date' }) periodFrom!: string;
  @ApiProperty({ type: String, format: 'date' }) periodTo!: string;
  @ApiProperty({ enum: ProgressReportState }) state!: ProgressReportState;
  @ApiProperty() stateLabel!: string;
  @ApiProperty({ nullable: true, type: String }) childStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) familyStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) supportProvided!: string | null;
  @ApiProperty({ nullable: true, type: String }) assessment!: string | null;
  @ApiProperty({ nullable: true, type: String }) plan!: string | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reviewedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewerName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reviewedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) reviewComment!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) sentOn!: string | null;
  @ApiProperty({ type: [String] }) allowedActions!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class CentreRequestEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() action!: string;
  @ApiProperty() actionLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) progressReportId!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty({ format: 'uuid' }) actorId!: string;
  @ApiProperty() actorName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}
