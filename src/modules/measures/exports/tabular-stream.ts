import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { CellValue, csvLine, UTF8_BOM } from './csv';

export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** Column width in characters (XLSX). */
  width?: number;
}

export type ExportFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** CSV that Excel opens in Japanese: BOM, header row, CRLF; rows are pulled one batch at a time. */
export function csvStream<Row>(columns: readonly ExportColumn<Row>[], rows: AsyncIterable<Row>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield UTF8_BOM + csvLine(columns.map((c) => c.header));
    for await (const row of rows) yield csvLine(columns.map((c) => c.value(row)));
  }
  return Readable.from(lines(), { objectMode: false });
}

/**
 * XLSX written by exceljs's streaming writer: each row is committed (and its
 * XML flushed to the zip stream) as it comes, so the workbook is never held
 * whole in memory. Values are written as strings or numbers, never formulas.
 */
export function xlsxStream<Row>(sheetName: string, columns: readonly ExportColumn<Row>[], rows: AsyncIterable<Row>): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      sheet.getRow(1).commit();
      for await (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return output;
}

export function tabularStream<Row>(format: ExportFormat, sheetName: string, columns: readonly ExportColumn<Row>[], rows: AsyncIterable<Row>): Readable {
  return format === 'csv' ? csvStream(columns, rows) : xlsxStream(sheetName, columns, rows);
}

/** `attachment` with an ASCII fallback name and the Japanese name (RFC 6266 / 5987). */
export function contentDisposition(asciiName: string, japaneseName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(japaneseName)}`;
}
