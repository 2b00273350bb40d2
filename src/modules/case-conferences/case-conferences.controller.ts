import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { MeasuresQuery } from '../referrals/dto/referral.dto';
import { CaseConferencesService, ConferenceMeasures } from './case-conferences.service';
import {
  CancelConferenceActionDto,
  CompleteConferenceActionDto,
  ConferenceActionDto,
  CreateConferenceDto,
  ListConferenceActionsQuery,
  ListConferencesQuery,
  UpdateConferenceActionDto,
  UpdateConferenceDto,
} from './dto/case-conference.dto';
import { ConferenceActionView, ConferenceListItem, ConferenceView } from './dto/case-conference.view';

const STAFF = [Role.Consultant, Role.Supervisor] as const;

/** Joint case conferences (個別ケース検討会議, 進行管理会議, 緊急受理会議) and their follow-up actions. */
@ApiTags('case-conferences')
@Controller('case-conferences')
export class CaseConferencesController {
  constructor(private readonly conferences: CaseConferencesService) {}

  @Get()
  @Roles(...STAFF)
  @Audited('case_conference.list', 'case_conference', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListConferencesQuery): Promise<Page<ConferenceListItem>> {
    return this.conferences.list(actor, query);
  }

  @Post()
  @Roles(...STAFF)
  @Audited('case_conference.create', 'case_conference')
  @ApiOkResponse({ type: ConferenceView })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateConferenceDto, @AuditNoteParam() note: AuditNote): Promise<ConferenceView> {
    const view = await this.conferences.create(actor, body);
    note.related = view.cases.map((c) => ({ resourceType: 'case', resourceId: c.caseId, action: 'case.discussed_in_conference' }));
    return view;
  }

  @Get('measures')
  @Roles(Role.Supervisor, Role.Liaison)
  @Audited('case_conference.measures', null, { recordQuery: true })
  measures(@CurrentActor() actor: Actor, @Query() query: MeasuresQuery): Promise<ConferenceMeasures> {
    return this.conferences.measures(actor, query);
  }

  @Get('actions')
  @Roles(...STAFF)
  @Audited('case_conference_action.list', 'case_conference_action', { recordQuery: true })
  actions(@CurrentActor() actor: Actor, @Query() query: ListConferenceActionsQuery): Promise<Page<ConferenceActionView>> {
    return this.conferences.listActions(actor, query);
  }

  @Get(':id')
  @Roles(...STAFF)
  @Audited('case_conference.read', 'case_conference')
  @ApiOkResponse({ type: ConferenceView })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @AuditNoteParam() note: AuditNote): Promise<ConferenceView> {
    const view = await this.conferences.get(actor, id);
    // Each case's decision was read: the case's own audit trail shows it, as it shows a read of the case.
    note.related = view.cases.map((c) => ({ resourceType: 'case', resourceId: c.caseId, action: 'case.read_in_conference' }));
    return view;
  }

  @Patch(':id')
  @Roles(...STAFF)
  @Audited('case_conference.update', 'case_conference')
  @ApiOkResponse({ type: ConferenceView })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateConferenceDto, @AuditNoteParam() note: AuditNote): Promise<ConferenceView> {
    const view = await this.conferences.update(actor, id, body);
    note.related = view.cases.map((c) => ({ resourceType: 'case', resourceId: c.caseId, action: 'case.discussed_in_conference' }));
    return view;
  }

  @Post(':id/actions')
  @Roles(...STAFF)
  @Audited('case_conference_action.create', 'case_conference_action', { idParam: 'actionId' })
  @ApiOkResponse({ type: ConferenceActionView })
  addAction(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ConferenceActionDto): Promise<ConferenceActionView> {
    return this.conferences.addAction(actor, id, body);
  }

  @Patch(':id/actions/:actionId')
  @Roles(...STAFF)
  @Audited('case_conference_action.update', 'case_conference_action', { idParam: 'actionId' })
  @ApiOkResponse({ type: ConferenceActionView })
  updateAction(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Body() body: UpdateConferenceActionDto,
  ): Promise<ConferenceActionView> {
    return this.conferences.updateAction(actor, id, actionId, body);
  }

  @Post(':id/actions/:actionId/complete')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('case_conference_action.complete', 'case_conference_action', { idParam: 'actionId' })
  @ApiOkResponse({ type: ConferenceActionView })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Body() body: CompleteConferenceActionDto,
  ): Promise<ConferenceActionView> {
    return this.conferences.completeAction(actor, id, actionId, body);
  }

  @Post(':id/actions/:actionId/cancel')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('case_conference_action.cancel', 'case_conference_action', { idParam: 'actionId' })
  @ApiOkResponse({ type: ConferenceActionView })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Body() body: CancelConferenceActionDto,
  ): Promise<ConferenceActionView> {
    return this.conferences.cancelAction(actor, id, actionId, body);
  }
}
