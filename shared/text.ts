/**
 * The one policy for invisible and control characters in shopper text:
 * - C0/C1 control characters other than tab, line feed and carriage return (including NUL)
 *   are rejected: they have no meaning in feedback and break storage and display.
 * - Bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) are rejected:
 *   they can make text read differently from how it is stored ("Trojan Source").
 * - U+200B (zero-width space), U+2060 (word joiner) and U+FEFF (BOM) are rejected.
 * - U+200C (zero-width non-joiner, the Persian half-space) and U+200D (joiner, used in emoji)
 *   are kept: Persian and emoji need them.
 * Everything else is kept exactly as typed; surrounding white space is trimmed.
 */
import * as z from 'zod/mini';

// Built from code points so this file holds no invisible characters itself.
const FORBIDDEN = new RegExp(
  '[' +
    '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F' +
    '\\u202A-\\u202E\\u2066-\\u2069' +
    '\\u200B\\u2060\\uFEFF' +
    ']',
);

/** True when `value` holds a character the policy above rejects. */
export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN.test(value);
}

/** Removes every character the policy rejects; the widget uses it to clean pasted text. */
export function stripForbiddenCharacters(value: string): string {
  return value.replace(new RegExp(FORBIDDEN.source, 'g'), '');
}

/** A trimmed string of `min`..`max` characters that obeys the control-character policy. */
export function text(min: number, max: number) {
  return z.string().check(
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
    z.refine((value) => !hasForbiddenCharacters(value), {
      message: 'contains control or invisible characters',
      params: { reason: 'forbidden_characters' },
    }),
  );
}
