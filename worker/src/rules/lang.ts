/** Which language a submission is in, when the widget did not say. */
import type { Lang } from '../../../shared/submission.ts';

// Arabic-script letters (Persian included); digits and punctuation of the block are left out
// because a Latin-script text may quote a Persian number.
const ARABIC_SCRIPT_LETTER = /[\u0621-\u064A\u0671-\u06D3\u06D5\u06FA-\u06FC\u06FF\uFB50-\uFDFF\uFE70-\uFEFC]/;

export function guessLang(declared: Lang | undefined, parts: readonly (string | null | undefined)[]): Lang {
  if (declared) return declared;
  return parts.some((p) => p && ARABIC_SCRIPT_LETTER.test(p)) ? 'fa' : 'en';
}
