import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { SupportLevel } from '../entities/case.entity';
import { ProgressReviewDecision } from '../entities/progress-review.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);

export class RecordProgressReviewDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-06-10' })
  @IsJapanDate()
  reviewedOn!: string;

  @ApiProperty({ type: [String], example: ['係長 早苗', '相談 陽菜', '練馬区立○○小学校 教頭', '豊玉保健相談所 保健師'] })
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  attendees!: string[];

  @ApiProperty({ example: '登校状況は安定。母の就労開始で生活リズムが改善。' })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  assessment!: string;

  @ApiProperty({ enum: ProgressReviewDecision })
  @IsEnum(ProgressReviewDecision)
  decision!: ProgressReviewDecision;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  decisionNotes?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Defaults to the review date plus the interval of the case’s support level' })
  @IsOmittable()
  @IsJapanDate()
  nextReviewOn?: string;
}

export class UpdateReviewIntervalDto {
  @ApiProperty({ minimum: 1, maximum: 24 })
  @IsInt()
  @Min(1)
  @Max(24)
  intervalMonths!: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class ProgressReviewView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: String, format: 'date' }) reviewedOn!: string;
  @ApiProperty({ type: [String] }) attendees!: string[];
  @ApiProperty() assessment!: string;
  @ApiProperty({ enum: ProgressReviewDecision }) decision!: ProgressReviewDecision;
  @ApiProperty() decisionLabel!: string;
  @ApiProperty({ nullable: true, type: String }) decisionNotes!: string | null;
  @ApiProperty({ type: String, format: 'date' }) nextReviewOn!: string;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedByName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ReviewIntervalView {
  @ApiProperty({ enum: SupportLevel }) supportLevel!: SupportLevel;
  @ApiProperty() supportLevelLabel!: string;
  @ApiProperty() intervalMonths!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
