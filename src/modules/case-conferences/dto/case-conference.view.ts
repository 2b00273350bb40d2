import { ApiProperty } from '@nestjs/swagger';
import { AttendeeOrganisationKind, CaseConferenceType, ConferenceActionStatus } from '../case-conference.enums';

export class ConferenceCaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() caseLabel!: string;
  @ApiProperty({ nullable: true, type: String }) decision!: string | null;
}

export class AttendeeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AttendeeOrganisationKind }) organisationKind!: AttendeeOrganisationKind;
  @ApiProperty() organisationKindLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) userId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
}

export class ConferenceActionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) conferenceId!: string;
  @ApiProperty({ enum: CaseConferenceType }) conferenceType!: CaseConferenceType;
  @ApiProperty({ type: String, format: 'date' }) conferenceHeldOn!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) caseNumber!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ type: String, format: 'date' }) dueOn!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: ConferenceActionStatus }) status!: ConferenceActionStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) completionNote!: string | null;
  @ApiProperty() version!: number;
}

export class ConferenceListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ enum: CaseConferenceType }) type!: CaseConferenceType;
  @ApiProperty() typeLabel!: string;
  @ApiProperty({ type: String, format: 'date' }) heldOn!: string;
  @ApiProperty({ nullable: true, type: String }) startTime!: string | null;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ description: 'Cases discussed that are in your scope' }) caseCount!: number;
  @ApiProperty() attendeeCount!: number;
  @ApiProperty({ description: 'The centre\'s staff attended' }) centreAttended!: boolean;
  @ApiProperty() openActionCount!: number;
}

export class ConferenceView extends ConferenceListItem {
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ type: [ConferenceCaseView] }) cases!: ConferenceCaseView[];
  @ApiProperty({ type: [AttendeeView] }) attendees!: AttendeeView[];
  @ApiProperty({ type: [ConferenceActionView] }) actions!: ConferenceActionView[];
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
