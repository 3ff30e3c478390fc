/**
 * The widget texts a merchant most often rewords, with the widget's own wording as the default
 * shown beside each field. Any other key of the widget's locale files can still be overridden
 * through the API (`settings.strings`); the form keeps those as they are.
 */
import type { Lang } from '../../../shared/submission.ts';
import { en } from '../../../widget/src/i18n/en.ts';
import { fa } from '../../../widget/src/i18n/fa.ts';
import { formEn } from '../../../widget/src/i18n/form-en.ts';
import { formFa } from '../../../widget/src/i18n/form-fa.ts';

export const OVERRIDE_KEYS = ['heading', 'noReviews', 'share', 'tab_review', 'tab_complaint', 'tab_story', 'verified'] as const;
export type OverrideKey = (typeof OVERRIDE_KEYS)[number];

const defaults: Record<Lang, Partial<Record<OverrideKey, string>>> = {
  en: { ...pick(en), ...pick(formEn) },
  fa: { ...pick(fa), ...pick(formFa) },
};

function pick(strings: Record<string, string>): Partial<Record<OverrideKey, string>> {
  const out: Partial<Record<OverrideKey, string>> = {};
  for (const key of OVERRIDE_KEYS) if (typeof strings[key] === 'string') out[key] = strings[key];
  return out;
}

/** The widget's own text for `key` in `lang`: what shoppers see while no override is set. */
export function widgetDefault(lang: Lang, key: OverrideKey): string {
  return defaults[lang][key] ?? '';
}

/** The form field of one override: `strings.<lang>.<key>`, like its path in the settings. */
export function overrideField(lang: Lang, key: OverrideKey): string {
  return `strings.${lang}.${key}`;
}
