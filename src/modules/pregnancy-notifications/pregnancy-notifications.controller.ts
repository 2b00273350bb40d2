import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { ContactAttemptsService } from './contact-attempts.service';
import {
  ContactAttemptOutcome,
  ContactAttemptView,
  CreateContactAttemptDto,
  CreatePregnancyNotificationDto,
  ListPregnancyNotificationsQuery,
  PregnancyNotificationDetail,
  PregnancyNotificationView,
  UpdatePregnancyNotificationDto,
  WaitingListQuery,
  WaitingNotificationView,
} from './dto/pregnancy-notification.dto';
import { PregnancyCoverageService } from './pregnancy-coverage.service';
import { PregnancyNotificationsService } from './pregnancy-notifications.service';

/** 妊娠届: recorded by the 保健相談所; read also by the 子ども家庭支援センター of a linked 特定妊婦 case. */
@ApiTags('pregnancy-notifications')
@Controller('pregnancy-notifications')
export class PregnancyNotificationsController {
  constructor(
    private readonly notifications: PregnancyNotificationsService,
    private readonly attempts: ContactAttemptsService,
    private readonly coverage: PregnancyCoverageService,
  ) {}

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_notification.create', 'pregnancy_notification')
  @ApiCreatedResponse({ type: PregnancyNotificationView })
  @ApiConflictResponse({ description: 'type `duplicate`: a person with the same kana and birth date exists (`candidates`); send `createAnyway: true` or pick `motherId`' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePregnancyNotificationDto, @AuditNoteParam() note: AuditNote): Promise<PregnancyNotificationView> {
    return this.notifications.create(actor, body, note);
  }

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_notification.list', 'pregnancy_notification', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListPregnancyNotificationsQuery): Promise<Page<PregnancyNotificationView>> {
    return this.notifications.list(actor, query);
  }

  @Get('not-interviewed')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_notification.list_not_interviewed', 'pregnancy_notification', { recordQuery: true })
  notInterviewed(@CurrentActor() actor: Actor, @Query() query: WaitingListQuery): Promise<Page<WaitingNotificationView>> {
    return this.coverage.waiting(actor, query);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_notification.read', 'pregnancy_notification')
  @ApiOkResponse({ type: PregnancyNotificationDetail })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PregnancyNotificationDetail> {
    return this.notifications.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_notification.update', 'pregnancy_notification')
  @ApiOkResponse({ type: PregnancyNotificationView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePregnancyNotificationDto): Promise<PregnancyNotificationView> {
    return this.notifications.update(actor, id, body);
  }

  @Get(':id/contact-attempts')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_notification.read_contact_attempts', 'pregnancy_notification')
  @ApiOkResponse({ type: [ContactAttemptView] })
  contactAttempts(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ContactAttemptView[]> {
    return this.notifications.listContactAttempts(actor, id);
  }

  @Post(':id/contact-attempts')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('pregnancy_notification.record_contact_attempt', 'pregnancy_notification')
  @ApiCreatedResponse({ type: ContactAttemptOutcome })
  recordContactAttempt(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateContactAttemptDto): Promise<ContactAttemptOutcome> {
    return this.attempts.record(actor, id, body);
  }
}
