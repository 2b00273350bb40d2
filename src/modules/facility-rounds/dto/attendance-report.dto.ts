import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { QueryBoolean } from '../../../common/http/query-boolean';

const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateAttendanceReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  childOfConcernId!: string;

  @ApiProperty({ example: '2026-04', description: 'The month reported on (YYYY-MM)' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiProperty({ minimum: 0, maximum: 31 })
  @IsInt()
  @Min(0)
  @Max(31)
  daysAttended!: number;

  @ApiProperty({ minimum: 0, maximum: 31 })
  @IsInt()
  @Min(0)
  @Max(31)
  daysAbsent!: number;

  @ApiPropertyOptional({ nullable: true, description: 'Whether the absences were explained (連絡あり); required when there were absences' })
  @IsOptional()
  @IsBoolean()
  absencesExplained?: boolean | null;

  @ApiProperty({ minimum: 0, maximum: 31, description: 'Longest run of consecutive days absent; 7 or more notifies the lead worker at once' })
  @IsInt()
  @Min(0)
  @Max(31)
  longestConsecutiveAbsence!: number;

  @ApiPropertyOptional({ description: 'When the facility sent it; defaults to today (Japan)' })
  @IsOmittable()
  @IsJapanDate()
  receivedOn?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class UpdateAttendanceReportDto extends PartialType(
  PickType(CreateAttendanceReportDto, ['daysAttended', 'daysAbsent', 'absencesExplained', 'longestConsecutiveAbsence', 'receivedOn', 'notes'] as const),
  { skipNullProperties: false },
) {
  @ApiProperty({ description: 'The version you loaded (optimistic locking)' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ListAttendanceReportsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  childOfConcernId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ example: '2026-04' })
  @IsOptional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ description: 'true = only reports with 7 or more consecutive days absent' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  longAbsence?: boolean;
}

export class MissingReportsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The day to judge on (Japan date); defaults to today' })
  @IsOptional()
  @IsJapanDate()
  asOf?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;
}

export class AttendanceReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childOfConcernId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() facilityName!: string;
  @ApiProperty({ example: '2026-04' }) month!: string;
  @ApiProperty() daysAttended!: number;
  @ApiProperty() daysAbsent!: number;
  @ApiProperty({ nullable: true, type: Boolean }) absencesExplained!: boolean | null;
  @ApiProperty() longestConsecutiveAbsence!: number;
  @ApiProperty({ description: 'Absent 7 days or more in a row: the lead worker was notified' }) longAbsence!: boolean;
  @ApiProperty() receivedOn!: string;
  @ApiProperty({ description: 'Received after the 10th of the following month' }) late!: boolean;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class MissingReportView {
  @ApiProperty({ description: 'childOfConcernId:YYYY-MM' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childOfConcernId!: string;
  @ApiProperty({ example: '2026-04' }) month!: string;
  @ApiProperty({ description: 'The 10th of the following month' }) deadline!: string;
  @ApiProperty() daysLate!: number;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() nameKanji!: string;
  @ApiProperty() nameKana!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() facilityName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) leadWorkerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) leadWorkerName!: string | null;
}
