import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { IsInstant } from '../../../common/time/instant.validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { CaseEventKind } from '../entities/case-event.entity';
import { ContactType } from '../entities/case-note.entity';

const trimEnd = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+$/u, '') : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCaseNoteDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-12T10:30:00+09:00', description: 'When the contact took place' })
  @IsInstant()
  occurredAt!: string;

  @ApiProperty({ enum: ContactType })
  @IsEnum(ContactType)
  contactType!: ContactType;

  @ApiProperty({ example: '母より電話。本児は昨日から登園再開、朝食は摂れているとのこと。' })
  @Transform(trimEnd)
  @IsString()
  @Length(1, 20000)
  text!: string;
}

export class CorrectCaseNoteDto {
  @ApiProperty({ description: 'The corrected text in full (the original stays as it was)' })
  @Transform(trimEnd)
  @IsString()
  @Length(1, 20000)
  text!: string;

  @ApiProperty({ example: '日付の誤記を訂正' })
  @Transform(trim)
  @IsString()
  @Length(2, 1000)
  reason!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Defaults to the corrected note’s' })
  @IsOmittable()
  @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ enum: ContactType, description: 'Defaults to the corrected note’s' })
  @IsOmittable()
  @IsEnum(ContactType)
  contactType?: ContactType;
}

export class TimelineQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'case_note,child_abuse_report', description: 'Only these sources (comma-separated)' })
  @IsOmittable()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*){0,19}$/)
  sources?: string;
}

export class CaseNoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: ContactType }) contactType!: ContactType;
  @ApiProperty() contactTypeLabel!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) correctsNoteId!: string | null;
  @ApiProperty({ nullable: true, type: String }) correctionReason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Set when a later note corrects this one' }) correctedByNoteId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class TimelineEntry {
  @ApiProperty({ format: 'uuid', description: 'The id of the record in its source' }) id!: string;
  @ApiProperty({ example: 'case_note', description: 'Which kind of record (case_note, case_event, child_abuse_report, safety_confirmation, progress_review, and those other features register)' })
  source!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) authorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
  @ApiProperty({ description: 'A code within the source (contact type, urgency, decision...)' }) kind!: string;
  @ApiProperty({ example: '家庭訪問' }) title!: string;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ type: Object, nullable: true }) details!: Record<string, unknown> | null;
}

export class CaseEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CaseEventKind }) kind!: CaseEventKind;
  @ApiProperty() kindLabel!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorOfficeId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: Object, nullable: true }) details!: Record<string, unknown> | null;
}
