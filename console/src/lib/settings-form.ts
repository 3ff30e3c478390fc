/**
 * Reads the settings form into a `SettingsInput`: list fields are one entry per line, an
 * empty response time means "promise nothing", and everything is checked by the shared schema
 * before it is sent, so field errors show on the page in the same shape as the server's.
 */
import { SettingsInput, type AdminSettings } from '../../../shared/admin.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { slaFromForm } from './sla-form.ts';

export function lines(value: FormDataEntryValue | null): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export type SettingsParse = { ok: true; value: SettingsInput } | { ok: false; errors: FieldError[] };

export function settingsFromForm(form: FormData, current: AdminSettings): SettingsParse {
  const hours = String(form.get('responseTimeHours') ?? '').trim();
  const { responseTimeHours: _dropped, ...rest } = current.settings;
  const draft = {
    origins: lines(form.get('origins')),
    settings: {
      ...rest,
      moderation: form.get('moderation'),
      blockedWords: lines(form.get('blockedWords')),
      holdFlags: form.getAll('holdFlags'),
      brandColor: form.get('brandColor'),
      locales: form.getAll('locales'),
      defaultLang: form.get('defaultLang'),
      ...(hours ? { responseTimeHours: Number(hours) } : {}),
      sla: slaFromForm(form, current.settings.sla),
    },
  };
  const parsed = SettingsInput.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
  };
}
