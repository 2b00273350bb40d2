import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, NotAudited } from '../audit/audited.decorator';
import {
  CompleteFollowUpDto,
  CreatePregnancyInterviewDto,
  ListPregnancyInterviewsQuery,
  PregnancyInterviewListItem,
  PregnancyInterviewView,
  ScreeningPreviewDto,
  ScreeningResultView,
  UpdatePregnancyInterviewDto,
} from './dto/pregnancy-interview.dto';
import { PregnancyInterviewsService } from './pregnancy-interviews.service';

/** 妊婦面談: logged by the 保健相談所's consultants; read by a centre only through a linked 特定妊婦 case. */
@ApiTags('pregnancy-interviews')
@Controller('pregnancy-interviews')
export class PregnancyInterviewsController {
  constructor(private readonly interviews: PregnancyInterviewsService) {}

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_interview.create', 'pregnancy_interview')
  @ApiCreatedResponse({ type: PregnancyInterviewView })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePregnancyInterviewDto): Promise<PregnancyInterviewView> {
    return this.interviews.create(actor, body);
  }

  @Post('screening-preview')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @NotAudited('pure computation on answers in the request; nothing is read or stored')
  @ApiOkResponse({ type: ScreeningResultView })
  preview(@Body() body: ScreeningPreviewDto): ScreeningResultView {
    return this.interviews.preview(body);
  }

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_interview.list', 'pregnancy_interview', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListPregnancyInterviewsQuery): Promise<Page<PregnancyInterviewListItem>> {
    return this.interviews.list(actor, query);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_interview.read', 'pregnancy_interview')
  @ApiOkResponse({ type: PregnancyInterviewView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PregnancyInterviewView> {
    return this.interviews.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_interview.update', 'pregnancy_interview')
  @ApiOkResponse({ type: PregnancyInterviewView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePregnancyInterviewDto): Promise<PregnancyInterviewView> {
    return this.interviews.update(actor, id, body);
  }

  @Post(':id/complete-follow-up')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_interview.complete_follow_up', 'pregnancy_interview')
  @ApiOkResponse({ type: PregnancyInterviewView })
  completeFollowUp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteFollowUpDto): Promise<PregnancyInterviewView> {
    return this.interviews.completeFollowUp(actor, id, body);
  }
}
