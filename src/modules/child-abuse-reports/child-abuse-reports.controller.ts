import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited, AuditNote, AuditNoteParam } from '../audit/audited.decorator';
import { ChildAbuseReportsService } from './child-abuse-reports.service';
import {
  AssessReportDto,
  ChildAbuseReportSummary,
  ChildAbuseReportView,
  CreateChildAbuseReportDto,
  ListReportsQuery,
  RecordSafetyConfirmationDto,
  UpdateChildAbuseReportDto,
} from './dto/child-abuse-report.dto';
import { SafetyConfirmationsService } from './safety-confirmations.service';

/** 通告 intake: reports of suspected abuse, 安全確認 within 48 hours, and the assessment. */
@ApiTags('child-abuse-reports')
@Controller('child-abuse-reports')
export class ChildAbuseReportsController {
  constructor(
    private readonly reports: ChildAbuseReportsService,
    private readonly confirmations: SafetyConfirmationsService,
  ) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_abuse_report.search', 'child_abuse_report', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListReportsQuery): Promise<Page<ChildAbuseReportSummary>> {
    return this.reports.list(actor, query);
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_abuse_report.create', 'child_abuse_report')
  @ApiOkResponse({ type: ChildAbuseReportView, description: 'The report, linked to the given or a newly opened case; the 48-hour clock starts at receivedAt' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateChildAbuseReportDto, @AuditNoteParam() note: AuditNote): Promise<ChildAbuseReportView> {
    return this.reports.create(actor, body, note);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_abuse_report.read', 'child_abuse_report')
  @ApiOkResponse({ type: ChildAbuseReportView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @AuditNoteParam() note: AuditNote): Promise<ChildAbuseReportView> {
    return this.reports.get(actor, id, undefined, note);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_abuse_report.update', 'child_abuse_report')
  @ApiOkResponse({ type: ChildAbuseReportView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateChildAbuseReportDto, @AuditNoteParam() note: AuditNote): Promise<ChildAbuseReportView> {
    return this.reports.update(actor, id, body, note);
  }

  @Post(':id/safety-confirmations')
  @HttpCode(200)
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('child_abuse_report.safety_confirm', 'child_abuse_report')
  @ApiOkResponse({ type: ChildAbuseReportView, description: 'When every child concerned has been seen, the clock closes (status safety_confirmed, rule48Result met/missed)' })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordSafetyConfirmationDto, @AuditNoteParam() note: AuditNote): Promise<ChildAbuseReportView> {
    return this.confirmations.record(actor, id, body, note);
  }

  @Post(':id/assess')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @Audited('child_abuse_report.assess', 'child_abuse_report')
  @ApiOkResponse({ type: ChildAbuseReportView })
  assess(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssessReportDto, @AuditNoteParam() note: AuditNote): Promise<ChildAbuseReportView> {
    return this.reports.assess(actor, id, body, note);
  }
}
