import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam, NotAudited } from '../audit/audited.decorator';
import { ApproveShortStayDto, CancelShortStayDto, CheckInShortStayDto, CompleteShortStayDto, ExtendShortStayDto, RejectShortStayDto } from './dto/short-stay-actions.dto';
import { VacancyBoardView, ShortStayStatsView } from './dto/short-stay-board.view';
import { ShortStayCheckResultView } from './dto/short-stay-check.view';
import { ListShortStaysQuery, StatsQuery, VacancyQuery } from './dto/short-stay-query.dto';
import { CheckShortStayDto, CreateShortStayDto, UpdateShortStayDto } from './dto/short-stay-request.dto';
import { ShortStayView } from './dto/short-stay.view';
import { ShortStayDecisionsService } from './short-stay-decisions.service';
import { ShortStayRequestsService } from './short-stay-requests.service';
import { ShortStayStatsService } from './short-stay-stats.service';
import { ShortStayVacancyService } from './short-stay-vacancy.service';

const STAFF = [Role.Consultant, Role.Supervisor] as const;

/** 要支援ショートステイ: requests, decisions, the stay itself, the vacancy board and the measures. */
@ApiTags('short-stays')
@Controller('short-stays')
export class ShortStaysController {
  constructor(
    private readonly requests: ShortStayRequestsService,
    private readonly decisions: ShortStayDecisionsService,
    private readonly vacancy: ShortStayVacancyService,
    private readonly statsService: ShortStayStatsService,
  ) {}

  @Post('check')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('short_stay.check', 'case', { idParam: 'none' })
  @ApiOkResponse({ type: ShortStayCheckResultView, description: 'Which checks pass (age, limits, facility ages, beds per night) and the fee; changes nothing' })
  check(@CurrentActor() actor: Actor, @Body() body: CheckShortStayDto, @AuditNoteParam() note: AuditNote): Promise<ShortStayCheckResultView> {
    note.resourceId = body.caseId;
    return this.requests.check(actor, body);
  }

  @Get('vacancies')
  @Roles(...STAFF, Role.Admin)
  @NotAudited('bed counts per facility and night; no case data')
  @ApiOkResponse({ type: VacancyBoardView })
  vacancies(@Query() query: VacancyQuery): Promise<VacancyBoardView> {
    return this.vacancy.board(query);
  }

  @Get('stats')
  @Roles(Role.Supervisor)
  @Audited('short_stay.stats', null, { idParam: 'none', recordQuery: true })
  @ApiOkResponse({ type: ShortStayStatsView, description: "The caller's office, one fiscal year" })
  stats(@CurrentActor() actor: Actor, @Query() query: StatsQuery): Promise<ShortStayStatsView> {
    return this.statsService.stats(actor, query.fiscalYear);
  }

  @Get()
  @Roles(...STAFF)
  @Audited('short_stay.list', 'short_stay', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListShortStaysQuery): Promise<Page<ShortStayView>> {
    return this.requests.list(actor, query);
  }

  @Post()
  @Roles(...STAFF)
  @Audited('short_stay.create', 'short_stay')
  @ApiCreatedResponse({ type: ShortStayView })
  @ApiUnprocessableEntityResponse({ description: 'A check failed; `checks` lists every check with its outcome' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateShortStayDto): Promise<ShortStayView> {
    return this.requests.create(actor, body);
  }

  @Get(':id')
  @Roles(...STAFF)
  @Audited('short_stay.read', 'short_stay')
  @ApiOkResponse({ type: ShortStayView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ShortStayView> {
    return this.requests.get(actor, id);
  }

  @Patch(':id')
  @Roles(...STAFF)
  @Audited('short_stay.update', 'short_stay')
  @ApiOkResponse({ type: ShortStayView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateShortStayDto): Promise<ShortStayView> {
    return this.requests.update(actor, id, body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('short_stay.approve', 'short_stay')
  @ApiOkResponse({ type: ShortStayView })
  @ApiConflictResponse({ description: 'A night has no free bed any more (another approval took it), or the state does not allow approval' })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ApproveShortStayDto): Promise<ShortStayView> {
    return this.decisions.approve(actor, id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('short_stay.reject', 'short_stay')
  @ApiOkResponse({ type: ShortStayView })
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RejectShortStayDto, @AuditNoteParam() note: AuditNote): Promise<ShortStayView> {
    note.reason = body.reason;
    return this.decisions.reject(actor, id, body);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('short_stay.check_in', 'short_stay')
  @ApiOkResponse({ type: ShortStayView })
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CheckInShortStayDto): Promise<ShortStayView> {
    return this.decisions.checkIn(actor, id, body);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('short_stay.extend', 'short_stay')
  @ApiOkResponse({ type: ShortStayView })
  extend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ExtendShortStayDto): Promise<ShortStayView> {
    return this.decisions.extend(actor, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('short_stay.complete', 'short_stay')
  @ApiOkResponse({ type: ShortStayView, description: 'Records the return and the return check (帰宅後確認)' })
  complete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteShortStayDto): Promise<ShortStayView> {
    return this.decisions.complete(actor, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('short_stay.cancel', 'short_stay')
  @ApiOkResponse({ type: ShortStayView })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelShortStayDto): Promise<ShortStayView> {
    return this.decisions.cancel(actor, id, body);
  }
}
