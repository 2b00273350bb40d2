import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../../common/time/instant.validator';
import { RULE_CODE } from '../reminder-validation';
import { ReminderStage, ReminderState } from '../reminder.entity';

export const DUE_LIST_SCOPES = ['mine', 'office'] as const;
export type DueListScope = (typeof DUE_LIST_SCOPES)[number];

export class DueListQuery {
  @ApiPropertyOptional({ enum: DUE_LIST_SCOPES, default: 'mine', description: "'office' (supervisors): every open reminder of the caller's office" })
  @IsOptional()
  @IsIn(DUE_LIST_SCOPES)
  scope?: DueListScope;

  @ApiPropertyOptional({ example: 'watch_visit.due' })
  @IsOptional()
  @MaxLength(100)
  @Matches(RULE_CODE)
  rule?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 100, description: 'Items per group' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class DueItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ReminderStage }) stage!: ReminderStage;
  @ApiProperty({ enum: ReminderState }) state!: ReminderState;
  @ApiProperty() rule!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt!: Date;
  @ApiProperty({ example: '2026-04-01', description: 'Japan date of dueAt' }) dueDate!: string;
}

export class DueGroup {
  @ApiProperty({ type: [DueItem] }) items!: DueItem[];
  @ApiProperty({ description: 'All matching items, beyond the returned ones' }) total!: number;
}

export class DueList {
  @ApiProperty({ example: '2026-04-01', description: "Today's Japan date, which the groups are relative to" }) date!: string;
  @ApiProperty({ enum: DUE_LIST_SCOPES }) scope!: DueListScope;
  @ApiProperty({ type: DueGroup, description: 'Due before today and not resolved' }) overdue!: DueGroup;
  @ApiProperty({ type: DueGroup }) today!: DueGroup;
  @ApiProperty({ type: DueGroup, description: 'Due in the next 7 days' }) upcoming!: DueGroup;
}

export class ScheduleTestReminderDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When to be reminded: from now up to 30 days ahead' })
  @IsInstant()
  dueAt!: string;
}

export class TestReminderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() rule!: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt!: Date;
}
