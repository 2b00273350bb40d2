import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { OverdueSummaryQuery, OverdueSummaryView, OverdueVisitsQuery, OverdueVisitView } from './dto/overdue.dto';
import { CreateWatchVisitDto, ListWatchVisitsQuery, UpdateWatchVisitDto, WatchVisitSummaryView, WatchVisitView } from './dto/watch-visit.dto';
import { WatchVisitOverdueService } from './watch-visit-overdue.service';
import { WatchVisitsService } from './watch-visits.service';

/** 見守り訪問の記録, and the overdue lists (訪問遅延一覧). */
@ApiTags('watch-visits')
@Controller('watch-visits')
export class WatchVisitsController {
  constructor(
    private readonly visits: WatchVisitsService,
    private readonly overdue: WatchVisitOverdueService,
  ) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit.list', 'watch_visit', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListWatchVisitsQuery): Promise<Page<WatchVisitSummaryView>> {
    return this.visits.list(actor, query);
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit.record', 'watch_visit')
  @ApiOkResponse({ type: WatchVisitView })
  async record(@CurrentActor() actor: Actor, @Body() body: CreateWatchVisitDto, @AuditNoteParam() note: AuditNote): Promise<WatchVisitView> {
    note.details = { caseId: body.caseId };
    const visit = await this.visits.record(actor, body);
    if (visit.alerts.length > 0) note.details.alerts = visit.alerts;
    if (visit.planId) note.related = [{ resourceType: 'watch_visit_plan', resourceId: visit.planId, action: 'watch_visit_plan.reschedule' }];
    return visit;
  }

  @Get('overdue')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit.overdue_list', 'watch_visit_plan', { recordQuery: true })
  overdueList(@CurrentActor() actor: Actor, @Query() query: OverdueVisitsQuery): Promise<Page<OverdueVisitView> & { asOf: string }> {
    return this.overdue.list(actor, query);
  }

  @Get('overdue/summary')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit.overdue_summary', null, { recordQuery: true })
  @ApiOkResponse({ type: OverdueSummaryView })
  overdueSummary(@CurrentActor() actor: Actor, @Query() query: OverdueSummaryQuery): Promise<OverdueSummaryView> {
    return this.overdue.summary(actor, query);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit.read', 'watch_visit')
  @ApiOkResponse({ type: WatchVisitView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WatchVisitView> {
    return this.visits.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit.update', 'watch_visit')
  @ApiOkResponse({ type: WatchVisitView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateWatchVisitDto): Promise<WatchVisitView> {
    return this.visits.update(actor, id, body);
  }
}
