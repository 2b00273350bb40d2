import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { MeasuresQuery } from '../referrals/dto/referral.dto';
import { CentreRequestAction, ProgressReportAction } from './centre-request.enums';
import { CentreRequestMeasures, CentreRequestsService } from './centre-requests.service';
import {
  AssignCentreRequestDto,
  CloseCentreRequestDto,
  CommentOnlyDto,
  LiftCentreRequestDto,
  ListCentreRequestsQuery,
  ListProgressReportsQuery,
  MarkProgressReportSentDto,
  ProgressReportContentDto,
  RecordCentreRequestDto,
  ReturnProgressReportDto,
  UpdateCentreRequestDto,
  UpdateProgressReportDto,
} from './dto/centre-request.dto';
import { CentreRequestEventView, CentreRequestListItem, CentreRequestView, ProgressReportView } from './dto/centre-request.view';
import { ProgressReportsService } from './progress-reports.service';

const ALL = [Role.Liaison, Role.Supervisor, Role.Consultant] as const;
const STAFF = [Role.Supervisor, Role.Consultant] as const;

/**
 * Inbound requests from the metropolitan child guidance centre: 事案送致
 * (第26条第1項第3号) and 指導措置委託 (第26条第1項第2号 / 第27条第1項第2号),
 * with the 経過報告 of an entrusted guidance.
 */
@ApiTags('centre-requests')
@Controller('centre-requests')
export class CentreRequestsController {
  constructor(private readonly requests: CentreRequestsService, private readonly reports: ProgressReportsService) {}

  @Get()
  @Roles(...ALL)
  @Audited('centre_request.list', 'centre_request', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListCentreRequestsQuery): Promise<Page<CentreRequestListItem>> {
    return this.requests.list(actor, query);
  }

  @Post()
  @Roles(Role.Liaison)
  @Audited('centre_request.record', 'centre_request')
  @ApiOkResponse({ type: CentreRequestView })
  record(@CurrentActor() actor: Actor, @Body() body: RecordCentreRequestDto): Promise<CentreRequestView> {
    return this.requests.record(actor, body);
  }

  @Get('measures')
  @Roles(Role.Liaison, Role.Supervisor)
  @Audited('centre_request.measures', null, { recordQuery: true })
  measures(@CurrentActor() actor: Actor, @Query() query: MeasuresQuery): Promise<CentreRequestMeasures> {
    return this.requests.measures(actor, query);
  }

  @Get('progress-reports')
  @Roles(...ALL)
  @Audited('guidance_progress_report.list', 'guidance_progress_report', { recordQuery: true })
  allReports(@CurrentActor() actor: Actor, @Query() query: ListProgressReportsQuery): Promise<Page<ProgressReportView>> {
    return this.reports.list(actor, query);
  }

  @Get(':id')
  @Roles(...ALL)
  @Audited('centre_request.read', 'centre_request')
  @ApiOkResponse({ type: CentreRequestView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CentreRequestView> {
    return this.requests.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Liaison)
  @Audited('centre_request.update', 'centre_request')
  @ApiOkResponse({ type: CentreRequestView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCentreRequestDto): Promise<CentreRequestView> {
    return this.requests.update(actor, id, body);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('centre_request.assign', 'centre_request')
  @ApiOkResponse({ type: CentreRequestView })
  async assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssignCentreRequestDto, @AuditNoteParam() note: AuditNote): Promise<CentreRequestView> {
    const view = await this.requests.transition(actor, id, { action: CentreRequestAction.Assign, body });
    note.related = [{ resourceType: 'case', resourceId: view.caseId!, action: body.newCase ? 'case.open_for_centre_request' : 'case.link_centre_request' }];
    return view;
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('centre_request.start', 'centre_request')
  @ApiOkResponse({ type: CentreRequestView })
  start(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CommentOnlyDto): Promise<CentreRequestView> {
    return this.requests.transition(actor, id, { action: CentreRequestAction.Start, body });
  }

  @Post(':id/lift')
  @HttpCode(200)
  @Roles(Role.Liaison, Role.Supervisor)
  @Audited('centre_request.lift', 'centre_request')
  @ApiOkResponse({ type: CentreRequestView })
  lift(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: LiftCentreRequestDto): Promise<CentreRequestView> {
    return this.requests.transition(actor, id, { action: CentreRequestAction.Lift, body });
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.Liaison, Role.Supervisor)
  @Audited('centre_request.close', 'centre_request')
  @ApiOkResponse({ type: CentreRequestView })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CloseCentreRequestDto): Promise<CentreRequestView> {
    return this.requests.transition(actor, id, { action: CentreRequestAction.Close, body });
  }

  @Get(':id/history')
  @Roles(...ALL)
  @Audited('centre_request.history', 'centre_request')
  @ApiOkResponse({ type: [CentreRequestEventView] })
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<{ items: CentreRequestEventView[] }> {
    return this.requests.history(actor, id);
  }

  // ---- 経過報告 (指導措置委託) ----

  @Get(':id/progress-reports')
  @Roles(...ALL)
  @Audited('guidance_progress_report.list', 'centre_request')
  @ApiOkResponse({ type: [ProgressReportView] })
  reportsOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<{ items: ProgressReportView[] }> {
    return this.reports.listForRequest(actor, id);
  }

  @Post(':id/progress-reports')
  @Roles(...STAFF)
  @Audited('guidance_progress_report.create', 'guidance_progress_report', { idParam: 'reportId' })
  @ApiOkResponse({ type: ProgressReportView })
  fileReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ProgressReportContentDto): Promise<ProgressReportView> {
    return this.reports.create(actor, id, body);
  }

  @Get(':id/progress-reports/:reportId')
  @Roles(...ALL)
  @Audited('guidance_progress_report.read', 'guidance_progress_report', { idParam: 'reportId' })
  @ApiOkResponse({ type: ProgressReportView })
  report(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('reportId', ParseUUIDPipe) reportId: string): Promise<ProgressReportView> {
    return this.reports.get(actor, id, reportId);
  }

  @Patch(':id/progress-reports/:reportId')
  @Roles(...STAFF)
  @Audited('guidance_progress_report.update', 'guidance_progress_report', { idParam: 'reportId' })
  @ApiOkResponse({ type: ProgressReportView })
  updateReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Body() body: UpdateProgressReportDto,
  ): Promise<ProgressReportView> {
    return this.reports.update(actor, id, reportId, body);
  }

  @Post(':id/progress-reports/:reportId/submit')
  @HttpCode(200)
  @Roles(...STAFF)
  @Audited('guidance_progress_report.submit', 'guidance_progress_report', { idParam: 'reportId' })
  @ApiOkResponse({ type: ProgressReportView })
  submitReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('reportId', ParseUUIDPipe) reportId: string, @Body() body: CommentOnlyDto): Promise<ProgressReportView> {
    return this.reports.transition(actor, id, reportId, { action: ProgressReportAction.Submit, body });
  }

  @Post(':id/progress-reports/:reportId/approve')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('guidance_progress_report.approve', 'guidance_progress_report', { idParam: 'reportId' })
  @ApiOkResponse({ type: ProgressReportView })
  approveReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('reportId', ParseUUIDPipe) reportId: string, @Body() body: CommentOnlyDto): Promise<ProgressReportView> {
    return this.reports.transition(actor, id, reportId, { action: ProgressReportAction.Approve, body });
  }

  @Post(':id/progress-reports/:reportId/return')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('guidance_progress_report.return', 'guidance_progress_report', { idParam: 'reportId' })
  @ApiOkResponse({ type: ProgressReportView })
  returnReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Body() body: ReturnProgressReportDto,
  ): Promise<ProgressReportView> {
    return this.reports.transition(actor, id, reportId, { action: ProgressReportAction.Return, body });
  }

  @Post(':id/progress-reports/:reportId/mark-sent')
  @HttpCode(200)
  @Roles(Role.Liaison, Role.Supervisor)
  @Audited('guidance_progress_report.mark_sent', 'guidance_progress_report', { idParam: 'reportId' })
  @ApiOkResponse({ type: ProgressReportView })
  markSent(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Body() body: MarkProgressReportSentDto,
  ): Promise<ProgressReportView> {
    return this.reports.transition(actor, id, reportId, { action: ProgressReportAction.MarkSent, body });
  }
}
