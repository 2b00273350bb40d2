import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import {
  ApprovePostpartumCareDto,
  CreatePostpartumCareApplicationDto,
  DecidePostpartumCareDto,
  ListPostpartumCareQuery,
  PostpartumCareApplicationDetail,
  PostpartumCareApplicationView,
  RecordPostpartumSessionDto,
} from './dto/postpartum-care.dto';
import { PostpartumCareService } from './postpartum-care.service';

/** 産後ケア事業 (宿泊型・日帰り型・訪問型): applications, approval by the 保健相談所 supervisor, sessions used. */
@ApiTags('postpartum-care-applications')
@Controller('postpartum-care-applications')
export class PostpartumCareController {
  constructor(private readonly care: PostpartumCareService) {}

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('postpartum_care.create', 'postpartum_care_application')
  @ApiCreatedResponse({ type: PostpartumCareApplicationDetail })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePostpartumCareApplicationDto): Promise<PostpartumCareApplicationDetail> {
    return this.care.create(actor, body);
  }

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('postpartum_care.list', 'postpartum_care_application', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListPostpartumCareQuery): Promise<Page<PostpartumCareApplicationView>> {
    return this.care.list(actor, query);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('postpartum_care.read', 'postpartum_care_application')
  @ApiOkResponse({ type: PostpartumCareApplicationDetail })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PostpartumCareApplicationDetail> {
    return this.care.get(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('postpartum_care.approve', 'postpartum_care_application')
  @ApiOkResponse({ type: PostpartumCareApplicationDetail })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ApprovePostpartumCareDto): Promise<PostpartumCareApplicationDetail> {
    return this.care.approve(actor, id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('postpartum_care.reject', 'postpartum_care_application')
  @ApiOkResponse({ type: PostpartumCareApplicationDetail })
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecidePostpartumCareDto, @AuditNoteParam() note: AuditNote): Promise<PostpartumCareApplicationDetail> {
    note.reason = body.reason;
    return this.care.reject(actor, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('postpartum_care.cancel', 'postpartum_care_application')
  @ApiOkResponse({ type: PostpartumCareApplicationDetail })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecidePostpartumCareDto, @AuditNoteParam() note: AuditNote): Promise<PostpartumCareApplicationDetail> {
    return this.care.cancel(actor, id, body, note);
  }

  @Post(':id/sessions')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('postpartum_care.record_session', 'postpartum_care_application')
  @ApiCreatedResponse({ type: PostpartumCareApplicationDetail })
  recordSession(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordPostpartumSessionDto, @AuditNoteParam() note: AuditNote): Promise<PostpartumCareApplicationDetail> {
    return this.care.recordSession(actor, id, body, note);
  }
}
