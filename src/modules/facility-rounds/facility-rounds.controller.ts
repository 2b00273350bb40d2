import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import {
  CancelFacilityRoundDto,
  FacilityRoundSummaryView,
  FacilityRoundView,
  ListFacilityRoundsQuery,
  PlanFacilityRoundDto,
  ReachQuery,
  ReachView,
  RecordFacilityRoundDto,
  RoundsDueQuery,
  UpdateFacilityRoundDto,
} from './dto/facility-round.dto';
import { FacilityRoundsService } from './facility-rounds.service';

/** 巡回訪問: the office's rounds; the children observed are shown per case scope. */
@ApiTags('facility-rounds')
@Controller('facility-rounds')
export class FacilityRoundsController {
  constructor(private readonly rounds: FacilityRoundsService) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.list', 'facility_round', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListFacilityRoundsQuery): Promise<Page<FacilityRoundSummaryView>> {
    return this.rounds.list(actor, query);
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.plan', 'facility_round')
  @ApiOkResponse({ type: FacilityRoundView })
  plan(@CurrentActor() actor: Actor, @Body() body: PlanFacilityRoundDto): Promise<FacilityRoundView> {
    return this.rounds.plan(actor, body);
  }

  @Get('due')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.due_list', 'facility_round', { recordQuery: true })
  due(@CurrentActor() actor: Actor, @Query() query: RoundsDueQuery): Promise<Page<FacilityRoundSummaryView> & { asOf: string }> {
    return this.rounds.due(actor, query);
  }

  @Get('reach')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.reach', null, { recordQuery: true })
  @ApiOkResponse({ type: ReachView })
  reach(@CurrentActor() actor: Actor, @Query() query: ReachQuery): Promise<ReachView> {
    return this.rounds.reach(actor, query);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.read', 'facility_round')
  @ApiOkResponse({ type: FacilityRoundView })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @AuditNoteParam() note: AuditNote): Promise<FacilityRoundView> {
    const round = await this.rounds.get(actor, id);
    note.related = round.observations.map((o) => ({ resourceType: 'child_of_concern', resourceId: o.childOfConcernId, action: 'child_of_concern.read' }));
    return round;
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.update', 'facility_round')
  @ApiOkResponse({ type: FacilityRoundView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateFacilityRoundDto): Promise<FacilityRoundView> {
    return this.rounds.update(actor, id, body);
  }

  @Post(':id/record')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.record', 'facility_round')
  @ApiOkResponse({ type: FacilityRoundView })
  async record(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordFacilityRoundDto, @AuditNoteParam() note: AuditNote): Promise<FacilityRoundView> {
    const round = await this.rounds.record(actor, id, body);
    note.related = round.observations.map((o) => ({ resourceType: 'child_of_concern', resourceId: o.childOfConcernId, action: 'child_of_concern.observe' }));
    if (round.nextRoundId) note.related.push({ resourceType: 'facility_round', resourceId: round.nextRoundId, action: 'facility_round.plan' });
    return round;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('facility_round.cancel', 'facility_round')
  @ApiOkResponse({ type: FacilityRoundView })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelFacilityRoundDto, @AuditNoteParam() note: AuditNote): Promise<FacilityRoundView> {
    note.reason = body.reason;
    return this.rounds.cancel(actor, id, body);
  }
}
