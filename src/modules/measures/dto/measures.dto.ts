import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsOmittable } from '../../../common/http/optional';
import { MeasureUnit } from '../measure';
import { FiscalYearParam } from '../../../common/time/fiscal-year.param';

export class MeasuresQuery {
  @FiscalYearParam('年度 (April 1 – March 31 Japan time, named by the April year); default: the current one')
  fiscalYear?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One office. Ward-wide users (admin) may choose any office and see the whole ward without it; everyone else sees their own office only (another office answers 404).',
  })
  @IsOmittable()
  @IsUUID()
  officeId?: string;
}

export class MeasureValueView {
  @ApiProperty({ example: 'pregnancy.interview_coverage' }) code!: string;
  @ApiProperty({ example: '妊婦面談率' }) label!: string;
  @ApiProperty({ enum: MeasureUnit, enumName: 'MeasureUnit' }) unit!: MeasureUnit;
  @ApiProperty({ example: '%' }) unitLabel!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when it cannot be computed (a rate without a denominator, a median without data)' }) value!: number | null;
  @ApiProperty({ description: 'The definition, as implemented by the query' }) definition!: string;
}

export class MeasureGroupView {
  @ApiProperty({ example: 'pregnancy' }) code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: '1-1', description: "The plan's sheet" }) sheet!: string;
  @ApiProperty({ type: [MeasureValueView] }) measures!: MeasureValueView[];
}

export class MeasureScopeView {
  @ApiProperty({ enum: ['office', 'ward'] }) kind!: 'office' | 'ward';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) officeId!: string | null;
  @ApiProperty({ example: '練馬区全体' }) name!: string;
}

export class MeasuresReport {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ example: '令和8年度' }) fiscalYearLabel!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ format: 'date', description: 'Last day counted by "to date" measures (today during the year)' }) asOf!: string;
  @ApiProperty({ type: MeasureScopeView }) scope!: MeasureScopeView;
  @ApiProperty({ type: [MeasureGroupView] }) groups!: MeasureGroupView[];
}

export class PlanVsActualColumns {
  @ApiProperty({ example: '取組' }) item!: string;
  @ApiProperty({ example: '目標' }) target!: string;
  @ApiProperty({ example: '実績' }) actual!: string;
  @ApiProperty({ example: '差' }) difference!: string;
}

export class PlanVsActualRow {
  @ApiProperty({ example: '1-1' }) sheet!: string;
  @ApiProperty({ example: '①' }) number!: string;
  @ApiProperty({ example: '妊娠・子育て相談員による全ての妊婦との面談・支援の実施' }) item!: string;
  @ApiProperty() measureCode!: string;
  @ApiProperty() measureLabel!: string;
  @ApiProperty() unitLabel!: string;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '実施（全ての妊婦）', description: "The plan's words for the target" }) targetText!: string | null;
  @ApiProperty({ enum: ['office', 'ward'], nullable: true, description: "Whose target: the office's own row, else the ward's" }) targetScope!: 'office' | 'ward' | null;
  @ApiProperty({ type: Number, nullable: true }) actual!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'actual − target (null without a numeric target or actual)' }) difference!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'actual ≥ target, or actual ≤ target where fewer is better (days waited, visits missed)' }) achieved!: boolean | null;
}

export class PlanVsActualReport {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty() fiscalYearLabel!: string;
  @ApiProperty({ type: MeasureScopeView }) scope!: MeasureScopeView;
  @ApiProperty({ type: PlanVsActualColumns }) columns!: PlanVsActualColumns;
  @ApiProperty({ type: [PlanVsActualRow] }) rows!: PlanVsActualRow[];
}
