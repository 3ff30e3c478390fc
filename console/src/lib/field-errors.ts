/**
 * Field errors in the page's language, found by the field they belong to. The schema's and the
 * server's messages are English; the `code` (and the limit, when the form knows it) says what
 * went wrong, so each field can say it in Persian too. An unknown code falls back to a generic
 * sentence, with the server's English words only on the English page.
 */
import type { FieldError } from '../../../shared/problem.ts';

export interface FieldErrorWords {
  required: string;
  number: string;
  atLeast: (n: string) => string;
  moreThan: (n: string) => string;
  atMost: (n: string) => string;
  maxChars: (n: string) => string;
  chooseOne: string;
  colour: string;
  origin: string;
  turnstileSecret: string;
  https: string;
  privateAddress: string;
  localName: string;
  url: string;
  invalid: string;
}

type Shown = FieldError & { limit?: number; exclusive?: boolean };

/** What to say about one error, in the words given (the page's language). */
export function describeFieldError(e: Shown, w: FieldErrorWords, format: (n: number) => string, english: boolean): string {
  const limit = e.limit === undefined ? '' : format(e.limit);
  switch (e.code) {
    case 'invalid_type':
      return w.number;
    case 'too_small':
      if (/\b(kinds|locales)$/.test(e.path)) return w.chooseOne;
      if (e.limit === undefined) return w.required;
      return e.exclusive ? w.moreThan(limit) : w.atLeast(limit);
    case 'too_big':
      if (/^settings\.strings\.|blockedWords\.\d+$|turnstile/.test(e.path)) return w.maxChars(limit);
      return e.limit === undefined ? w.invalid : w.atMost(limit);
    case 'invalid_format':
      return e.path.endsWith('brandColor') ? w.colour : e.path === 'url' ? w.url : w.invalid;
    case 'invalid_origin':
      return w.origin;
    case 'turnstile_secret_required':
      return w.turnstileSecret;
    case 'https_required':
      return w.https;
    case 'private_address':
      return w.privateAddress;
    case 'local_name':
      return w.localName;
    case 'invalid_url':
      return w.url;
    default:
      return english && e.message ? `${w.invalid} (${e.message})` : w.invalid;
  }
}

/** The errors of one field (its dotted path), and whether any error is left for no field. */
export function errorsAt(errors: readonly Shown[], path: string): Shown[] {
  return errors.filter((e) => e.path === path);
}
