import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/roles';
import { Page } from '../../common/pagination/keyset';
import { Audited } from '../audit/audited.decorator';
import { AttendanceReportsService } from './attendance-reports.service';
import { AttendanceReportView, CreateAttendanceReportDto, ListAttendanceReportsQuery, MissingReportsQuery, MissingReportView, UpdateAttendanceReportDto } from './dto/attendance-report.dto';

/** 出欠状況報告: monthly attendance of flagged children, and the reports missing. */
@ApiTags('facility-rounds')
@Controller('attendance-reports')
export class AttendanceReportsController {
  constructor(private readonly reports: AttendanceReportsService) {}

  @Get()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('attendance_report.list', 'attendance_report', { recordQuery: true })
  list(@CurrentActor() actor: Actor, @Query() query: ListAttendanceReportsQuery): Promise<Page<AttendanceReportView>> {
    return this.reports.list(actor, query);
  }

  @Post()
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('attendance_report.create', 'attendance_report')
  @ApiOkResponse({ type: AttendanceReportView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAttendanceReportDto): Promise<AttendanceReportView> {
    return this.reports.create(actor, body);
  }

  @Get('missing')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('attendance_report.missing_list', 'child_of_concern', { recordQuery: true })
  missing(@CurrentActor() actor: Actor, @Query() query: MissingReportsQuery): Promise<Page<MissingReportView> & { asOf: string }> {
    return this.reports.missing(actor, query);
  }

  @Get(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('attendance_report.read', 'attendance_report')
  @ApiOkResponse({ type: AttendanceReportView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AttendanceReportView> {
    return this.reports.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Consultant, Role.Supervisor)
  @Audited('attendance_report.update', 'attendance_report')
  @ApiOkResponse({ type: AttendanceReportView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAttendanceReportDto): Promise<AttendanceReportView> {
    return this.reports.update(actor, id, body);
  }
}
