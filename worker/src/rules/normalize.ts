/**
 * Folding text so that the ways people actually type Persian and English compare equal:
 * Arabic letter forms (ي ك ة ۀ) to Persian, Arabic and Persian digits to Latin, half-spaces and
 * tatweel removed, diacritics dropped, case folded, runs of white space collapsed.
 * Used by search (both the stored text and the query) and by the sentiment rules.
 */

const LETTERS: Record<string, string> = {
  'ي': 'ی',
  'ى': 'ی',
  'ك': 'ک',
  'ة': 'ه',
  'ۀ': 'ه',
  'أ': 'ا',
  'إ': 'ا',
  'ٱ': 'ا',
  'ؤ': 'و',
};

/** Folds one string for matching. Idempotent: fold(fold(x)) === fold(x). */
export function fold(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[يىكةۀأإٱؤ]/g, (ch) => LETTERS[ch] ?? ch)
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    // Harakat, tanwin, superscript alef and tatweel carry no meaning for matching.
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    // A half-space (ZWNJ) or its stand-ins join or split words inconsistently: treat as nothing.
    .replace(/[\u200C\u200D\u00AD]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The searchable text of a submission, stored in `submissions.search_text`. */
export function searchText(parts: readonly (string | null | undefined)[]): string {
  return fold(parts.filter(Boolean).join(' '));
}
