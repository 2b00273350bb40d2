import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Actor } from '../../../common/auth/actor';
import { CurrentActor, Roles } from '../../../common/auth/decorators';
import { Role } from '../../../common/auth/roles';
import { Audited, AuditNote, AuditNoteParam } from '../../audit/audited.decorator';
import { ExportCasesQuery, ExportCoverageGapsQuery, ExportOverdueVisitsQuery, ExportReferralsQuery } from '../dto/export.dto';
import { MeasuresQuery } from '../dto/measures.dto';
import { MEASURE_READERS } from '../measures.controller';
import { ExportsService } from './exports.service';
import { CONTENT_TYPES, ExportFormat } from './tabular-stream';

const STAFF = [Role.Consultant, Role.Supervisor] as const;

/** Docs shared by every export route: the file type and the row limit. */
const ExportDocs = (format: ExportFormat, what: string, list = true) =>
  applyDecorators(
    ApiOperation({
      summary: `${what}（${format.toUpperCase()}）`,
      description:
        format === 'csv'
          ? 'UTF-8 with BOM, CRLF line ends, RFC 4180 quoting; text starting with = + - @ is prefixed with an apostrophe. Streamed.'
          : 'XLSX with Japanese headers, written row by row (streamed).',
    }),
    ApiProduces(CONTENT_TYPES[format]),
    ApiOkResponse({ description: `${what} (${format})` }),
    ...(list ? [ApiUnprocessableEntityResponse({ description: 'export-too-large: more rows than EXPORT_MAX_ROWS; nothing is streamed' })] : []),
  );

/**
 * File exports of the measures and of the main lists, each scoped exactly like
 * its list and audited (`export.*`, with format and row count).
 */
@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('measures.csv')
  @Roles(...MEASURE_READERS)
  @Audited('export.measures', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('csv', '年度の指標', false)
  measuresCsv(@CurrentActor() actor: Actor, @Query() query: MeasuresQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.measuresFile(actor, query, 'csv', note);
  }

  @Get('measures.xlsx')
  @Roles(...MEASURE_READERS)
  @Audited('export.measures', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('xlsx', '年度の指標', false)
  measuresXlsx(@CurrentActor() actor: Actor, @Query() query: MeasuresQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.measuresFile(actor, query, 'xlsx', note);
  }

  @Get('cases.csv')
  @Roles(...STAFF)
  @Audited('export.cases', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('csv', 'ケース一覧')
  casesCsv(@CurrentActor() actor: Actor, @Query() query: ExportCasesQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.cases(actor, query, 'csv', note);
  }

  @Get('cases.xlsx')
  @Roles(...STAFF)
  @Audited('export.cases', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('xlsx', 'ケース一覧')
  casesXlsx(@CurrentActor() actor: Actor, @Query() query: ExportCasesQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.cases(actor, query, 'xlsx', note);
  }

  @Get('overdue-visits.csv')
  @Roles(...STAFF)
  @Audited('export.overdue_visits', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('csv', '見守り訪問 期限超過一覧')
  overdueVisitsCsv(@CurrentActor() actor: Actor, @Query() query: ExportOverdueVisitsQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.overdueVisits(actor, query, 'csv', note);
  }

  @Get('overdue-visits.xlsx')
  @Roles(...STAFF)
  @Audited('export.overdue_visits', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('xlsx', '見守り訪問 期限超過一覧')
  overdueVisitsXlsx(@CurrentActor() actor: Actor, @Query() query: ExportOverdueVisitsQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.overdueVisits(actor, query, 'xlsx', note);
  }

  @Get('coverage-gaps.csv')
  @Roles(...STAFF)
  @Audited('export.coverage_gaps', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('csv', '妊婦面談 未実施一覧')
  coverageGapsCsv(@CurrentActor() actor: Actor, @Query() query: ExportCoverageGapsQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.coverageGaps(actor, query, 'csv', note);
  }

  @Get('coverage-gaps.xlsx')
  @Roles(...STAFF)
  @Audited('export.coverage_gaps', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('xlsx', '妊婦面談 未実施一覧')
  coverageGapsXlsx(@CurrentActor() actor: Actor, @Query() query: ExportCoverageGapsQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.coverageGaps(actor, query, 'xlsx', note);
  }

  @Get('referrals.csv')
  @Roles(...STAFF, Role.Liaison)
  @Audited('export.referrals', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('csv', '送致一覧')
  referralsCsv(@CurrentActor() actor: Actor, @Query() query: ExportReferralsQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.referrals(actor, query, 'csv', note);
  }

  @Get('referrals.xlsx')
  @Roles(...STAFF, Role.Liaison)
  @Audited('export.referrals', 'export', { idParam: 'none', recordQuery: true })
  @ExportDocs('xlsx', '送致一覧')
  referralsXlsx(@CurrentActor() actor: Actor, @Query() query: ExportReferralsQuery, @AuditNoteParam() note: AuditNote): Promise<StreamableFile> {
    return this.exports.referrals(actor, query, 'xlsx', note);
  }
}
