/**
 * The reading half of CSV (RFC 4180), for files merchants export from other review platforms.
 * It is lenient where spreadsheets are: a UTF-8 byte-order mark is dropped; rows may end in
 * CRLF, LF or a lone CR; a quote inside an unquoted cell is kept as text. It is strict only where
 * guessing would change what a shopper wrote: a quoted cell that never closes is an error.
 *
 * Cells are kept exactly as written, `=HYPERLINK(...)` included: they are text here, shown by Lit
 * as text, and `csv.ts` neutralises them again if they are ever exported to a spreadsheet.
 *
 * @example
 * const table = parseCsv('name,rating\r\n"Sara, T.",5\r\n');
 * // { rows: [['name', 'rating'], ['Sara, T.', '5']], error: null }
 */

export interface CsvTable {
  rows: string[][];
  /** Set when the text is not CSV at all; `row` is the 1-based row where the problem starts. */
  error: { row: number; message: string } | null;
}

export interface CsvOptions {
  /** Stop with an error after this many rows (header included), before reading the rest. */
  maxRows?: number;
}

/** Parses the whole text; blank lines (a row of one empty cell) are dropped. */
export function parseCsv(input: string, { maxRows = Number.POSITIVE_INFINITY }: CsvOptions = {}): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let rowStart = 1;
  let line = 1;
  let i = 0;
  const n = text.length;

  const endRow = (): boolean => {
    row.push(cell);
    cell = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    return rows.length <= maxRows;
  };

  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i += 1;
      continue;
    }
    if (ch === ',') {
      row.push(cell);
      cell = '';
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      if (!endRow()) return { rows: rows.slice(0, maxRows), error: { row: rows.length, message: `more than ${maxRows} rows` } };
      rowStart = line;
      continue;
    }
    cell += ch;
    i += 1;
  }
  if (quoted) return { rows, error: { row: rowStart, message: 'a quoted cell is never closed' } };
  if (cell !== '' || row.length > 0) {
    if (!endRow()) return { rows: rows.slice(0, maxRows), error: { row: rows.length, message: `more than ${maxRows} rows` } };
  }
  return { rows, error: null };
}

/** Header names folded for matching: case, spaces, dashes and underscores do not matter. */
export function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** Rows as records keyed by `headerKey` of the header row; missing cells are ''. */
export function toRecords(rows: readonly string[][]): { headers: string[]; records: Record<string, string>[] } {
  const [header = [], ...body] = rows;
  const headers = header.map(headerKey);
  const records = body.map((cells) => {
    const record: Record<string, string> = {};
    headers.forEach((h, index) => {
      if (h !== '' && !(h in record)) record[h] = cells[index] ?? '';
    });
    return record;
  });
  return { headers, records };
}
