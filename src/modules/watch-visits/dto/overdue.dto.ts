import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/pagination/keyset';
import { IsJapanDate } from '../../../common/time/japan-date.validator';
import { QueryBoolean } from '../../../common/http/query-boolean';


export class OverdueVisitsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The day to judge on (Japan date); defaults to today' })
  @IsOptional()
  @IsJapanDate()
  asOf?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  responsibleWorkerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The case's office (your own, or one that shares cases with you)" })
  @IsOptional()
  @IsUUID()
  officeId?: string;

  @ApiPropertyOptional({ description: 'true = only visits overdue by 3 working days or more (escalated to the supervisors)' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  escalatedOnly?: boolean;
}

export class OverdueSummaryQuery {
  @ApiPropertyOptional({ description: 'The day to judge on (Japan date); defaults to today' })
  @IsOptional()
  @IsJapanDate()
  asOf?: string;
}

export class OverdueVisitView {
  @ApiProperty({ format: 'uuid', description: 'The plan' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() caseLabel!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) responsibleWorkerId!: string;
  @ApiProperty() responsibleWorkerName!: string;
  @ApiProperty() nextDueOn!: string;
  @ApiProperty({ nullable: true, type: String }) lastVisitOn!: string | null;
  @ApiProperty() daysOverdue!: number;
  @ApiProperty() workingDaysOverdue!: number;
  @ApiProperty({ description: 'Overdue by 3 working days or more: the supervisors were notified' }) escalated!: boolean;
}

export class OverdueGroupView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The worker's office (per-worker rows)" }) officeId?: string;
  @ApiProperty() overdue!: number;
  @ApiProperty({ description: 'Of which overdue by 3 working days or more' }) escalated!: number;
  @ApiProperty() maxDaysOverdue!: number;
  @ApiProperty({ description: 'Active plans in scope (overdue or not), for the ratio' }) activePlans!: number;
}

export class OverdueSummaryView {
  @ApiProperty() asOf!: string;
  @ApiProperty() overdue!: number;
  @ApiProperty() escalated!: number;
  @ApiProperty({ type: [OverdueGroupView] }) byWorker!: OverdueGroupView[];
  @ApiProperty({ type: [OverdueGroupView] }) byOffice!: OverdueGroupView[];
}
