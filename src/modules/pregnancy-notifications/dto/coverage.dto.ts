import { ApiProperty } from '@nestjs/swagger';
import { FiscalYearParam } from '../../../common/time/fiscal-year.param';

export class CoverageQuery {
  @FiscalYearParam('年度 (April–March); default: the current one')
  fiscalYear?: number;
}

export class CoverageRow {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null on the ward-wide row' }) officeId!: string | null;
  @ApiProperty({ nullable: true, type: String }) officeCode!: string | null;
  @ApiProperty() officeName!: string;
  @ApiProperty({ description: '妊娠届 filed in the fiscal year' }) notifications!: number;
  @ApiProperty({ description: 'Of those, interviewed at least once (whenever the interview took place)' }) interviewed!: number;
  @ApiProperty({ description: 'Of those, not interviewed yet' }) notInterviewed!: number;
  @ApiProperty({ description: 'Of those not interviewed, marked 連絡不通' }) unreachable!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'interviewed ÷ notifications (0–1); null without notifications' }) coverage!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from filing to the first interview' }) medianDaysToInterview!: number | null;
}

export class CoverageReport {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ example: '令和8年度' }) fiscalYearLabel!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [CoverageRow] }) offices!: CoverageRow[];
  @ApiProperty({ type: CoverageRow, nullable: true, description: 'Ward-wide totals (administrators only)' }) ward!: CoverageRow | null;
}
