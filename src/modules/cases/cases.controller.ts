import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page, PageQuery } from '../../common/pagination/keyset';
import { AuditEvent } from '../audit/audit-event.entity';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { CaseSearchService } from './case-search.service';
import { CaseSupervisionService } from './case-supervision.service';
import { CaseTimelineService } from './case-timeline.service';
import { CasesService } from './cases.service';
import { AssignCaseDto, BreakGlassDto, BreakGlassGrantView, CaseListItem, CaseMemberInput, CaseReasonDto, CaseView, CreateCaseDto, SearchCasesQuery, UpdateCaseDto } from './dto/case.dto';
import { CaseEventView } from './dto/timeline.dto';

/** Family cases (世帯単位): search, detail, members, workers, status, restriction and break-glass. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly searchService: CaseSearchService,
    private readonly supervision: CaseSupervisionService,
    private readonly timeline: CaseTimelineService,
  ) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.search', 'case', { recordQuery: true })
  search(@CurrentActor() actor: Actor, @Query() query: SearchCasesQuery): Promise<Page<CaseListItem>> {
    return this.searchService.search(actor, query);
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.create', 'case')
  @ApiOkResponse({ type: CaseView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCaseDto): Promise<CaseView> {
    return this.cases.create(actor, body);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.read', 'case')
  @ApiOkResponse({ type: CaseView })
  @ApiForbiddenResponse({ description: 'type `break-glass-required`: a restricted case; POST /cases/:id/break-glass with a reason first' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CaseView> {
    return this.cases.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.update', 'case')
  @ApiOkResponse({ type: CaseView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCaseDto): Promise<CaseView> {
    return this.cases.update(actor, id, body);
  }

  @Post(':id/members')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.member_add', 'case')
  @ApiOkResponse({ type: CaseView })
  addMember(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CaseMemberInput, @AuditNoteParam() note: AuditNote): Promise<CaseView> {
    note.related = [{ resourceType: 'person', resourceId: body.personId }];
    return this.cases.addMember(actor, id, body);
  }

  @Delete(':id/members/:personId')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.member_remove', 'case')
  @ApiOkResponse({ type: CaseView })
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('personId', ParseUUIDPipe) personId: string,
    @AuditNoteParam() note: AuditNote,
  ): Promise<CaseView> {
    note.related = [{ resourceType: 'person', resourceId: personId }];
    return this.cases.removeMember(actor, id, personId);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case.assign', 'case')
  @ApiOkResponse({ type: CaseView })
  assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssignCaseDto): Promise<CaseView> {
    return this.supervision.assign(actor, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case.close', 'case')
  @ApiOkResponse({ type: CaseView })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CaseReasonDto, @AuditNoteParam() note: AuditNote): Promise<CaseView> {
    note.reason = body.reason;
    return this.supervision.close(actor, id, body);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case.reopen', 'case')
  @ApiOkResponse({ type: CaseView })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CaseReasonDto, @AuditNoteParam() note: AuditNote): Promise<CaseView> {
    note.reason = body.reason;
    return this.supervision.reopen(actor, id, body);
  }

  @Post(':id/restrict')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case.restrict', 'case')
  @ApiOkResponse({ type: CaseView })
  restrict(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CaseReasonDto, @AuditNoteParam() note: AuditNote): Promise<CaseView> {
    note.reason = body.reason;
    return this.supervision.restrict(actor, id, body, true);
  }

  @Post(':id/unrestrict')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('case.unrestrict', 'case')
  @ApiOkResponse({ type: CaseView })
  unrestrict(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CaseReasonDto, @AuditNoteParam() note: AuditNote): Promise<CaseView> {
    note.reason = body.reason;
    return this.supervision.restrict(actor, id, body, false);
  }

  @Post(':id/break-glass')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.break_glass', 'case')
  @ApiOkResponse({ type: BreakGlassGrantView, description: `Opens the restricted case for a limited time; the reason is audited and sent to the office's supervisors` })
  breakGlass(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: BreakGlassDto, @AuditNoteParam() note: AuditNote): Promise<BreakGlassGrantView> {
    return this.supervision.breakGlass(actor, id, body.reason, note);
  }

  @Get(':id/history')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('case.history_read', 'case')
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery): Promise<Page<CaseEventView>> {
    return this.timeline.history(actor, id, query);
  }

  @Get(':id/audit-events')
  @Roles(Role.Supervisor)
  @Audited('case.audit_read', 'case')
  auditTrail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery): Promise<Page<AuditEvent>> {
    return this.timeline.auditTrail(actor, id, query);
  }
}
