import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import {
  CreateWatchVisitPlanDto,
  EndWatchVisitPlanDto,
  ListWatchVisitPlansQuery,
  PauseWatchVisitPlanDto,
  ResumeWatchVisitPlanDto,
  UpdateWatchVisitPlanDto,
  WatchVisitPlanView,
} from './dto/watch-visit-plan.dto';
import { WatchVisitPlansService } from './watch-visit-plans.service';

/** 見守り訪問計画: casework staff with the case in scope. */
@ApiTags('watch-visits')
@Controller('watch-visit-plans')
export class WatchVisitPlansController {
  constructor(private readonly plans: WatchVisitPlansService) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit_plan.list', 'watch_visit_plan', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListWatchVisitPlansQuery): Promise<Page<WatchVisitPlanView>> {
    return this.plans.list(actor, query);
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit_plan.create', 'watch_visit_plan')
  @ApiOkResponse({ type: WatchVisitPlanView })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateWatchVisitPlanDto, @AuditNoteParam() note: AuditNote): Promise<WatchVisitPlanView> {
    note.details = { caseId: body.caseId };
    return this.plans.create(actor, body);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit_plan.read', 'watch_visit_plan')
  @ApiOkResponse({ type: WatchVisitPlanView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WatchVisitPlanView> {
    return this.plans.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit_plan.update', 'watch_visit_plan')
  @ApiOkResponse({ type: WatchVisitPlanView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateWatchVisitPlanDto): Promise<WatchVisitPlanView> {
    return this.plans.update(actor, id, body);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit_plan.pause', 'watch_visit_plan')
  @ApiOkResponse({ type: WatchVisitPlanView })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: PauseWatchVisitPlanDto, @AuditNoteParam() note: AuditNote): Promise<WatchVisitPlanView> {
    note.reason = body.reason;
    return this.plans.pause(actor, id, body);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit_plan.resume', 'watch_visit_plan')
  @ApiOkResponse({ type: WatchVisitPlanView })
  resume(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ResumeWatchVisitPlanDto): Promise<WatchVisitPlanView> {
    return this.plans.resume(actor, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('watch_visit_plan.end', 'watch_visit_plan')
  @ApiOkResponse({ type: WatchVisitPlanView })
  end(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: EndWatchVisitPlanDto, @AuditNoteParam() note: AuditNote): Promise<WatchVisitPlanView> {
    note.reason = body.reason;
    return this.plans.end(actor, id, body);
  }
}
