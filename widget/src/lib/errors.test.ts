import { describe, expect, it } from 'vitest';
import { ComplaintInput, ReviewInput } from '../../../shared/submission.ts';
import { formEn } from '../i18n/form-en.ts';
import { formFa } from '../i18n/form-fa.ts';
import { errorsByField, errorText, issuesToErrors } from './errors.ts';

describe('issuesToErrors', () => {
  it('maps a missing rating, empty body and bad email to their dotted paths and zod codes', () => {
    const result = ReviewInput.safeParse({ kind: 'review', body: ' ', author: { name: 'A', email: 'nope' } });
    expect(result.success).toBe(false);
    const errors = issuesToErrors(result.error?.issues ?? []);
    const codes = Object.fromEntries(errors.map((e) => [e.path, e.code]));
    expect(codes).toMatchObject({ rating: 'invalid_type', body: 'too_small', 'author.email': 'invalid_format' });
  });

  it('uses the schema reason as the code, as the server does', () => {
    const result = ComplaintInput.safeParse({ kind: 'complaint', category: 'delivery', body: 'Late', author: { name: 'A' } });
    const errors = issuesToErrors(result.error?.issues ?? []);
    expect(errors).toContainEqual(expect.objectContaining({ path: 'author.email', code: 'contact_required' }));
  });
});

describe('errorsByField', () => {
  it('keeps the first code per shown field and gathers the rest under the form', () => {
    const map = errorsByField(
      [
        { path: 'body', code: 'too_small', message: '' },
        { path: 'body', code: 'too_big', message: '' },
        { path: 'meta.hp', code: 'too_big', message: '' },
      ],
      ['body', 'title'],
    );
    expect(map).toEqual({ body: 'too_small', '': 'too_big' });
  });
});

describe('errorText', () => {
  it('localises by code in both languages and falls back to a generic message', () => {
    expect(errorText(formEn, 'author.email', 'contact_required')).toBe(formEn.err_contact_required);
    expect(errorText(formFa, 'body', 'too_big')).toBe(formFa.err_too_big);
    expect(errorText(formEn, 'body', 'made_up')).toBe(formEn.err_generic);
    expect(errorText(formFa, 'rating', 'invalid_type')).toBe(formFa.err_rating);
  });
});
