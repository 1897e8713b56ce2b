export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text a spreadsheet would run as a formula (client-sent text such as "=HYPERLINK(...)"): a formula
 * sign first, also after leading whitespace (spreadsheets skip it) and in its full-width form, which
 * some read as the ASCII one; or a tab or carriage return first. Such a cell gets a leading `'`.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A cell: numbers as they are, text always quoted (RFC 4180), so that no reader has to guess where a text cell ends. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV record, CRLF-terminated as RFC 4180 has it. */
export const csvLine = (values: readonly CsvValue[]) => `${values.map(csvCell).join(',')}\r\n`;

/** A CSV download that no cache keeps (it holds whatever the signed-in user may see). */
export const csvHeaders = (filename: string): HeadersInit => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
  'Cache-Control': 'no-store',
});
