/** UTF-8 byte order mark: without it Excel reads a CSV as Shift_JIS and garbles Japanese. */
export const UTF8_BOM = '\uFEFF';
export const CRLF = '\r\n';

export type CellValue = string | number | null;

/**
 * Characters that make a spreadsheet treat a cell as a formula (CSV injection), and tab/CR which some apps
 * strip first; full-width ＝ ＋ － ＠ as well (typed with a Japanese IME, read as the ASCII ones by Japanese Excel).
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV field (RFC 4180): text that a spreadsheet would run as a formula is
 * prefixed with an apostrophe; fields with a comma, quote, CR or LF are quoted
 * with inner quotes doubled. Numbers are written as numbers (a negative number
 * is data, not a formula).
 */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvField).join(',') + CRLF;
}
