import { describe, expect, it } from 'vitest';
import { fold, searchText } from './normalize.ts';

describe('fold', () => {
  it.each([
    ['Arabic yeh and kaf become Persian', 'كيفيت', 'کیفیت'],
    ['Persian digits become Latin', 'سفارش ۱۲۳', 'سفارش 123'],
    ['Arabic digits become Latin', '٤٥', '45'],
    ['a half-space is removed', 'می\u200Cخواهم', 'میخواهم'],
    ['tatweel is removed', 'خيـــلي', 'خیلی'],
    ['case and white space are folded', '  Never   AGAIN ', 'never again'],
  ])('%s', (_name, input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = fold('مرجوعي ۱۲ كالا  Late');
    expect(fold(once)).toBe(once);
  });

  it('joins the parts of a submission and skips empty ones', () => {
    expect(searchText(['Title', null, 'Body ك'])).toBe('title body ک');
  });
});
