/**
 * Reads the settings form into a `SettingsInput`: list fields are one entry per line, an empty
 * number means "unset", digits may be typed in Persian, and everything is checked by the shared
 * schema before it is sent, so field errors show on the page in the same shape as the server's
 * (with the limit that was crossed, for a message in the page's language).
 */
import { SettingsInput, type AdminSettings } from '../../../shared/admin.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { LANGS } from '../../../shared/submission.ts';
import { numberField } from './number-field.ts';
import { slaFromForm } from './sla-form.ts';
import { OVERRIDE_KEYS, overrideField } from './overrides.ts';

export function lines(value: FormDataEntryValue | null): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A field error that also carries the limit crossed, when there is one. */
export interface FormFieldError extends FieldError {
  limit?: number;
  /** The limit itself is not allowed (hours must be more than 0). */
  exclusive?: boolean;
}

export type SettingsParse = { ok: true; value: SettingsInput } | { ok: false; errors: FormFieldError[] };

/** The merchant's text overrides: the form's fields replace the listed keys; other keys are kept. */
export function stringsFromForm(form: FormData, current: AdminSettings['settings']['strings']): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const lang of LANGS) {
    const own: Record<string, string> = { ...current[lang] };
    for (const key of OVERRIDE_KEYS) {
      const value = String(form.get(overrideField(lang, key)) ?? '').trim();
      if (value) own[key] = value;
      else delete own[key];
    }
    if (Object.keys(own).length) out[lang] = own;
  }
  // Languages the console does not know stay as they were.
  for (const [lang, own] of Object.entries(current)) if (!(LANGS as readonly string[]).includes(lang)) out[lang] = own;
  return out;
}

export function settingsFromForm(form: FormData, current: AdminSettings): SettingsParse {
  const { responseTimeHours: _hours, turnstileSiteKey: _site, turnstileSecretKey: _secret, ...rest } = current.settings;
  const responseTimeHours = numberField(form.get('responseTimeHours'));
  const siteKey = String(form.get('turnstileSiteKey') ?? '').trim();
  const secret = String(form.get('turnstileSecretKey') ?? '').trim();
  const name = String(form.get('name') ?? '').trim();
  const draft = {
    ...(form.has('name') ? { name } : {}),
    // The origins field may live on another page; without it the server keeps the list.
    ...(form.has('origins') ? { origins: lines(form.get('origins')) } : {}),
    settings: {
      ...rest,
      theme: form.get('theme'),
      brandColor: form.get('brandColor'),
      kinds: form.getAll('kinds'),
      locales: form.getAll('locales'),
      defaultLang: form.get('defaultLang'),
      strings: stringsFromForm(form, current.settings.strings),
      moderation: form.get('moderation'),
      holdUnverified: form.get('holdUnverified') === 'on',
      holdFlags: form.getAll('holdFlags'),
      blockedWords: lines(form.get('blockedWords')),
      ...(responseTimeHours === undefined ? {} : { responseTimeHours }),
      sla: slaFromForm(form, current.settings.sla),
      // A form without the recovery fields (a checkbox sends nothing when unticked, so the
      // select stands for the section) keeps the stored values; a blank number takes its default.
      recovery: form.has('recovery.lowRating')
        ? {
            ...current.settings.recovery,
            lowRating: numberField(form.get('recovery.lowRating')),
            repeatCases: numberField(form.get('recovery.repeatCases')),
            intents: form.get('recovery.intents') === 'on',
          }
        : current.settings.recovery,
      ...(form.has('followupDelayDays') ? { followupDelayDays: numberField(form.get('followupDelayDays')) } : {}),
      ...(form.has('quietPeriodDays') ? { quietPeriodDays: numberField(form.get('quietPeriodDays')) } : {}),
      // Blank secret with a site key keeps the stored one (staff never see it to send it back).
      ...(siteKey ? { turnstileSiteKey: siteKey } : {}),
      ...(siteKey && secret ? { turnstileSecretKey: secret } : {}),
    },
  };
  const errors: FormFieldError[] = [];
  if (siteKey && !secret && !current.turnstileSecretSet) {
    errors.push({ path: 'settings.turnstileSecretKey', code: 'turnstile_secret_required', message: 'is required with a Turnstile site key' });
  }
  const parsed = SettingsInput.safeParse(draft);
  if (parsed.success && errors.length === 0) return { ok: true, value: parsed.data };
  for (const i of parsed.error?.issues ?? []) {
    const limit = 'maximum' in i ? Number(i.maximum) : 'minimum' in i ? Number(i.minimum) : undefined;
    const exclusive = 'inclusive' in i && i.inclusive === false;
    errors.push({ path: i.path.join('.'), code: i.code, message: i.message, ...(limit === undefined ? {} : { limit }), ...(exclusive ? { exclusive } : {}) });
  }
  return { ok: false, errors };
}
