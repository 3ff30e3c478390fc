/** Picks the strings for a language; the page's language comes from the URL, storage or browser. */
import type { Lang } from '../../../shared/submission.ts';
import { en, type Messages } from './en.ts';
import { fa } from './fa.ts';

export type { Messages };

export function messages(lang: Lang): Messages {
  return lang === 'fa' ? fa : en;
}

/** `?lang=` wins, then a stored choice, then the browser's languages; English otherwise. */
export function pickLang(search: string, stored: string | null, browser: readonly string[]): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  for (const candidate of [fromUrl, stored, ...browser]) {
    const base = candidate?.toLowerCase().split('-')[0];
    if (base === 'fa' || base === 'en') return base;
  }
  return 'en';
}
