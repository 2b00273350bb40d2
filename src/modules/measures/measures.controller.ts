import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Audited, NotAudited } from '../audit/audited.decorator';
import { MEASURE_GROUPS } from './definitions';
import { CreateMeasureTargetDto, MeasureTargetsQuery, MeasureTargetView, UpdateMeasureTargetDto } from './dto/measure-target.dto';
import { MeasuresQuery, MeasuresReport, PlanVsActualReport } from './dto/measures.dto';
import { MEASURE_UNIT_LABELS } from './measure';
import { MeasureTargetsService } from './measure-targets.service';
import { MeasuresService } from './measures.service';

/** Roles that read the measures: staff for their own office, admins ward-wide (see measure-scope.ts). */
export const MEASURE_READERS = [Role.Consultant, Role.Supervisor, Role.Admin] as const;

/** The definitions, in the API docs: one line per measure. */
const DEFINITIONS_DOC = MEASURE_GROUPS.map(
  (g) => `**${g.label}** (${g.sheet})\n\n${g.definitions.map((d) => `- \`${d.code}\` ${d.label}（${MEASURE_UNIT_LABELS[d.unit]}）: ${d.definition}`).join('\n')}`,
).join('\n\n');

@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get()
  @Roles(...MEASURE_READERS)
  @Audited('measures.report', null, { idParam: 'none', recordQuery: true })
  @ApiOperation({
    summary: '年度の指標（事業所別、管理者は区全体）',
    description: `Fiscal year April 1 00:00 JST – March 31 23:59:59.999 JST. Each measure is one set-based query; definitions:\n\n${DEFINITIONS_DOC}`,
  })
  @ApiOkResponse({ type: MeasuresReport })
  @ApiNotFoundResponse({ description: 'officeId of another office (staff), or an unknown office' })
  report(@CurrentActor() actor: Actor, @Query() query: MeasuresQuery): Promise<MeasuresReport> {
    return this.measures.report(actor, query);
  }

  @Get('plan-vs-actual')
  @Roles(...MEASURE_READERS)
  @Audited('measures.plan_vs_actual', null, { idParam: 'none', recordQuery: true })
  @ApiOperation({ summary: '計画の目標と実績（取組・目標・実績・差）', description: "The rows of the plan's table (sheets 1-1, 1-2), then any other measure with a target for the year." })
  @ApiOkResponse({ type: PlanVsActualReport })
  planVsActual(@CurrentActor() actor: Actor, @Query() query: MeasuresQuery): Promise<PlanVsActualReport> {
    return this.measures.planVsActual(actor, query);
  }
}

/** 目標値: per fiscal year, measure and (optionally) office; admins maintain them. */
@ApiTags('measures')
@Controller('measure-targets')
export class MeasureTargetsController {
  constructor(private readonly targets: MeasureTargetsService) {}

  @Get()
  @Roles(...MEASURE_READERS)
  @NotAudited('targets of the plan: settings, no case data')
  @ApiOkResponse({ type: MeasureTargetView, isArray: true, description: '{ items: MeasureTargetView[] }' })
  list(@Query() query: MeasureTargetsQuery): Promise<{ items: MeasureTargetView[] }> {
    return this.targets.list(query);
  }

  @Get(':id')
  @Roles(...MEASURE_READERS)
  @NotAudited('targets of the plan: settings, no case data')
  @ApiOkResponse({ type: MeasureTargetView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<MeasureTargetView> {
    return this.targets.get(id);
  }

  @Post()
  @Roles(Role.Admin)
  @Audited('measure_target.create', 'measure_target')
  @ApiCreatedResponse({ type: MeasureTargetView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateMeasureTargetDto): Promise<MeasureTargetView> {
    return this.targets.create(actor, body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @Audited('measure_target.update', 'measure_target')
  @ApiOkResponse({ type: MeasureTargetView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMeasureTargetDto): Promise<MeasureTargetView> {
    return this.targets.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @Audited('measure_target.delete', 'measure_target')
  @ApiNoContentResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.targets.remove(id);
  }
}
