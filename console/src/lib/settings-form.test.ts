import { describe, expect, it } from 'vitest';
import type { AdminSettings } from '../../../shared/admin.ts';
import { SiteSettings } from '../../../shared/site.ts';
import { lines, settingsFromForm } from './settings-form.ts';

const current: AdminSettings = {
  site: { id: 'pk_x', name: 'Shop' },
  origins: ['https://shop.example'],
  settings: SiteSettings.parse({ responseTimeHours: 24 }),
  turnstileSecretSet: false,
};

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

const valid: Array<[string, string]> = [
  ['origins', 'https://shop.example\n\n https://b.example '],
  ['moderation', 'auto'],
  ['blockedWords', 'foo\nbar'],
  ['holdFlags', 'links'],
  ['holdFlags', 'abuse'],
  ['brandColor', '#112233'],
  ['locales', 'en'],
  ['locales', 'fa'],
  ['defaultLang', 'fa'],
  ['responseTimeHours', '48'],
];

describe('lines', () => {
  it('keeps one trimmed entry per non-empty line', () => {
    expect(lines(' a \r\n\nb')).toEqual(['a', 'b']);
    expect(lines(null)).toEqual([]);
  });
});

describe('settingsFromForm', () => {
  it('reads every field and keeps settings the form does not show', () => {
    const out = settingsFromForm(form(valid), current);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.origins).toEqual(['https://shop.example', 'https://b.example']);
    expect(out.value.settings).toMatchObject({
      moderation: 'auto',
      blockedWords: ['foo', 'bar'],
      holdFlags: ['links', 'abuse'],
      brandColor: '#112233',
      locales: ['en', 'fa'],
      defaultLang: 'fa',
      responseTimeHours: 48,
      sla: current.settings.sla,
    });
  });

  it('drops the response-time promise when the field is emptied', () => {
    const out = settingsFromForm(form(valid.map(([k, v]) => [k, k === 'responseTimeHours' ? '' : v])), current);
    expect(out.ok && out.value.settings.responseTimeHours).toBeUndefined();
  });

  it('reports a bad colour as a field error instead of sending it', () => {
    const out = settingsFromForm(form(valid.map(([k, v]) => [k, k === 'brandColor' ? 'red' : v])), current);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors[0]?.path).toBe('settings.brandColor');
  });
});
