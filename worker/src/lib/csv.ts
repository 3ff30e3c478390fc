/**
 * CSV (RFC 4180) for exports that merchants open in spreadsheets. Every cell is quoted, so
 * commas, quotes and line breaks in shopper text survive; and a cell that a spreadsheet would
 * run as a formula (starting with = + - @, or a tab or carriage return that hides one) gets a
 * leading apostrophe, so a review reading `=HYPERLINK(...)` stays text ("CSV injection").
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  // Numbers we write ourselves are never formulas; only text from people needs the guard.
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV line, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
