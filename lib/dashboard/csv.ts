export type CsvValue = string | number | boolean | null | undefined;

// A cell a spreadsheet would run as a formula (client-sent text such as "=HYPERLINK(...)") is quoted as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 has it. */
export const csvLine = (values: readonly CsvValue[]) => `${values.map(csvCell).join(',')}\r\n`;

/** A CSV download that no cache keeps (it holds whatever the signed-in user may see). */
export const csvHeaders = (filename: string): HeadersInit => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
  'Cache-Control': 'no-store',
});
