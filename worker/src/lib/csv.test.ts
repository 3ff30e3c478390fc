import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.ts';

describe('csvCell', () => {
  it.each([
    ['quotes plain text', 'hello', '"hello"'],
    ['doubles quotes inside', 'say "hi"', '"say ""hi"""'],
    ['keeps commas and line breaks inside the quotes', 'a,b\nc', '"a,b\nc"'],
    ['guards a formula', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['guards a leading plus', '+98 912', `"'+98 912"`],
    ['guards a leading minus', '-1+1', `"'-1+1"`],
    ['guards a leading at sign', '@SUM(A1)', `"'@SUM(A1)"`],
    ['guards a leading tab', '\t=1', `"'\t=1"`],
    ['leaves a formula sign later in the text', 'a=b', '"a=b"'],
    ['keeps Persian text as it is', 'کیفیت عالی', '"کیفیت عالی"'],
    ['writes null as an empty cell', null, '""'],
  ])('%s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers without a guard, even negative ones', () => {
    expect(csvCell(-1)).toBe('"-1"');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['a', 1, true, null])).toBe('"a","1","true",""\r\n');
  });
});
