import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRow } from './csv.ts';
import { headerKey, parseCsv, toRecords } from './csv-parse.ts';

/** Quotes every cell like csv.ts but without its formula guard, to round-trip text exactly. */
function writeRaw(rows: string[][], eol: string): string {
  return rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join(eol) + eol;
}

describe('parseCsv', () => {
  it.each([
    ['plain rows', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['lone CR line ends (old Mac exports)', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    ['a BOM before the header', '\uFEFFa,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['no final line end', 'a\nx', [['a'], ['x']]],
    ['quoted commas, quotes and newlines', 'a\n"x, ""y""\nz"\n', [['a'], ['x, "y"\nz']]],
    ['CRLF inside a quoted cell kept as written', 'a\n"1\r\n2"\n', [['a'], ['1\r\n2']]],
    ['empty cells', 'a,b,c\n,,\n', [['a', 'b', 'c'], ['', '', '']]],
    ['blank lines dropped', 'a\n\nx\n\n', [['a'], ['x']]],
    ['a stray quote inside an unquoted cell kept', 'a\n5" screen\n', [['a'], ['5" screen']]],
    ['Persian text with a half-space', 'نام,متن\nسارا,کیفیت\u200Cاش عالی بود\n', [['نام', 'متن'], ['سارا', 'کیفیت\u200Cاش عالی بود']]],
    ['formulas kept as text', 'body,n\n"=HYPERLINK(""http://x"",""y"")",=1+1\n', [['body', 'n'], ['=HYPERLINK("http://x","y")', '=1+1']]],
  ])('reads %s', (_name, input, rows) => {
    expect(parseCsv(input)).toEqual({ rows, error: null });
  });

  it('reports a quoted cell that never closes, with the row it starts on', () => {
    expect(parseCsv('a\nok\n"never closed\nmore').error).toEqual({ row: 3, message: 'a quoted cell is never closed' });
  });

  it('stops after maxRows without reading the rest', () => {
    const out = parseCsv('a\n1\n2\n3\n', { maxRows: 2 });
    expect(out.rows).toEqual([['a'], ['1']]);
    expect(out.error?.message).toBe('more than 2 rows');
  });

  it('round-trips any table of text, with LF or CRLF line ends', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        expect(parseCsv(writeRaw(rows, eol))).toEqual({ rows, error: null });
      }),
    );
  });

  it('reads back what the exporter wrote, with formula cells neutralised by a leading apostrophe', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { minLength: 2, maxLength: 5 }), (cells) => {
        const [row] = parseCsv(csvRow(cells)).rows;
        expect(row).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (input) => {
      const out = parseCsv(input);
      expect(Array.isArray(out.rows)).toBe(true);
    }));
  });
});

describe('toRecords', () => {
  it('keys cells by folded header names and fills missing cells with empty text', () => {
    expect(toRecords([['Review Title', 'reviewer_name'], ['Nice']])).toEqual({
      headers: ['reviewtitle', 'reviewername'],
      records: [{ reviewtitle: 'Nice', reviewername: '' }],
    });
  });
  it('folds case, spaces, dashes and underscores', () => {
    expect(headerKey(' Review_Date ')).toBe(headerKey('review-date'));
  });
});
