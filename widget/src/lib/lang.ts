import type { Lang } from '../../../shared/submission.ts';

/** The widget language from the element, else the page, else the site default; only locales the site offers. */
export function pickLang(candidates: (string | null | undefined)[], offered: readonly string[], fallback: Lang): Lang {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    if ((base === 'en' || base === 'fa') && offered.includes(base)) return base;
  }
  return fallback;
}
