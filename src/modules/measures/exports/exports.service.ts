import { HttpStatus, Inject, Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../../common/access/access.service';
import { Actor } from '../../../common/auth/actor';
import { ProblemException, ProblemType } from '../../../common/problem/problem';
import { fiscalYearOf, todayInJapan } from '../../../common/time/japan-time';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AuditNote } from '../../audit/audited.decorator';
import { ExportCasesQuery, ExportCoverageGapsQuery, ExportOverdueVisitsQuery, ExportReferralsQuery } from '../dto/export.dto';
import { MeasuresQuery } from '../dto/measures.dto';
import { resolveMeasureScope } from '../measure-scope';
import { MeasuresService } from '../measures.service';
import { countRows, keysetRows } from './keyset-batches';
import { casesExport, coverageGapsExport, ListExport, overdueVisitsExport, referralsExport } from './list-exports';
import { contentDisposition, CONTENT_TYPES, ExportColumn, ExportFormat, tabularStream } from './tabular-stream';

interface MeasureExportRow {
  fiscalYearLabel: string;
  scope: string;
  group: string;
  code: string;
  label: string;
  value: number | null;
  unit: string;
}

const MEASURE_COLUMNS: ExportColumn<MeasureExportRow>[] = [
  { header: '年度', value: (r) => r.fiscalYearLabel, width: 12 },
  { header: '対象', value: (r) => r.scope, width: 28 },
  { header: '区分', value: (r) => r.group, width: 34 },
  { header: '指標コード', value: (r) => r.code, width: 40 },
  { header: '指標', value: (r) => r.label, width: 40 },
  { header: '実績', value: (r) => r.value, width: 10 },
  { header: '単位', value: (r) => r.unit, width: 6 },
];

/**
 * CSV and XLSX exports. Lists use exactly the scope conditions of their
 * on-screen lists; the rows are counted first (refused beyond
 * EXPORT_MAX_ROWS with 422 export-too-large, before a byte is sent), then
 * streamed in keyset batches. The audit event (written by the interceptor
 * before the body streams) records the criteria, the format and the count.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly measures: MeasuresService,
  ) {}

  async measuresFile(actor: Actor, query: MeasuresQuery, format: ExportFormat, note: AuditNote): Promise<StreamableFile> {
    const scope = await resolveMeasureScope(this.dataSource.manager, actor, query.officeId);
    const fiscalYear = query.fiscalYear ?? fiscalYearOf(todayInJapan());
    const report = await this.measures.reportFor(scope, fiscalYear);
    const rows: MeasureExportRow[] = report.groups.flatMap((g) =>
      g.measures.map((m) => ({ fiscalYearLabel: report.fiscalYearLabel, scope: scope.name, group: g.label, code: m.code, label: m.label, value: m.value, unit: m.unitLabel })),
    );
    note.details = { format, rows: rows.length, fiscalYear, scope: scope.kind, officeId: scope.officeId };
    async function* all() {
      yield* rows;
    }
    const stream = tabularStream(format, `指標_${report.fiscalYearLabel}`, MEASURE_COLUMNS, all());
    return file(stream, format, `measures-${fiscalYear}`, `指標_${report.fiscalYearLabel}_${scope.name}`);
  }

  cases(actor: Actor, query: ExportCasesQuery, format: ExportFormat, note: AuditNote): Promise<StreamableFile> {
    return this.list(casesExport(this.access, actor, query), format, note);
  }

  overdueVisits(actor: Actor, query: ExportOverdueVisitsQuery, format: ExportFormat, note: AuditNote): Promise<StreamableFile> {
    return this.list(overdueVisitsExport(this.access, actor, query), format, note);
  }

  coverageGaps(actor: Actor, query: ExportCoverageGapsQuery, format: ExportFormat, note: AuditNote): Promise<StreamableFile> {
    return this.list(coverageGapsExport(actor, query), format, note);
  }

  referrals(actor: Actor, query: ExportReferralsQuery, format: ExportFormat, note: AuditNote): Promise<StreamableFile> {
    return this.list(referralsExport(this.access, actor, query), format, note);
  }

  private async list<Row extends { _k1: unknown; _k2: unknown }>(spec: ListExport<Row>, format: ExportFormat, note: AuditNote): Promise<StreamableFile> {
    const rows = await countRows(this.dataSource, spec.source);
    note.details = { format, rows, limit: this.config.exportMaxRows };
    if (rows > this.config.exportMaxRows) {
      throw new ProblemException({
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        type: ProblemType.ExportTooLarge,
        title: 'Export too large',
        detail: `この条件では${rows}行になり、出力できる上限（${this.config.exportMaxRows}行）を超えます。条件を絞ってください。`,
        extensions: { rows, limit: this.config.exportMaxRows },
      });
    }
    const stream = tabularStream(format, spec.title, spec.columns, keysetRows<Row>(this.dataSource, spec.source));
    return file(stream, format, spec.fileName, `${spec.title}_${todayInJapan()}`);
  }
}

function file(stream: NodeJS.ReadableStream, format: ExportFormat, asciiName: string, japaneseName: string): StreamableFile {
  return new StreamableFile(stream as import('node:stream').Readable, {
    type: CONTENT_TYPES[format],
    disposition: contentDisposition(`${asciiName}.${format}`, `${japaneseName}.${format}`),
  });
}
