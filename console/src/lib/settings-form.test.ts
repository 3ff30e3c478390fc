import { describe, expect, it } from 'vitest';
import type { AdminSettings } from '../../../shared/admin.ts';
import { SiteSettings } from '../../../shared/site.ts';
import { lines, settingsFromForm, stringsFromForm } from './settings-form.ts';

const current: AdminSettings = {
  site: { id: 'pk_x', name: 'Shop' },
  origins: ['https://shop.example'],
  settings: SiteSettings.parse({ responseTimeHours: 24, strings: { en: { heading: 'Old', loadFailed: 'Kept' }, de: { heading: 'Bewertungen' } } }),
  turnstileSecretSet: false,
};

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

const valid: Array<[string, string]> = [
  ['name', ' Kettle shop '],
  ['origins', 'https://shop.example\n\n https://b.example '],
  ['theme', 'dark'],
  ['brandColor', '#112233'],
  ['kinds', 'review'],
  ['kinds', 'story'],
  ['locales', 'en'],
  ['locales', 'fa'],
  ['defaultLang', 'fa'],
  ['strings.en.heading', ' What buyers say '],
  ['strings.fa.tab_story', 'ایده بدهید'],
  ['moderation', 'auto'],
  ['holdUnverified', 'on'],
  ['holdFlags', 'links'],
  ['holdFlags', 'abuse'],
  ['blockedWords', 'foo\nbar'],
  ['responseTimeHours', '48'],
  ['recovery.lowRating', '3'],
  ['recovery.repeatCases', '۲'],
  ['followupDelayDays', '14'],
  ['quietPeriodDays', ''],
  ['turnstileSiteKey', ''],
  ['turnstileSecretKey', ''],
];
const without = (key: string) => valid.filter(([k]) => k !== key);
const replaced = (key: string, value: string) => valid.map(([k, v]): [string, string] => [k, k === key ? value : v]);

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
    expect(out.value.name).toBe('Kettle shop');
    expect(out.value.origins).toEqual(['https://shop.example', 'https://b.example']);
    expect(out.value.settings).toMatchObject({
      theme: 'dark',
      brandColor: '#112233',
      kinds: ['review', 'story'],
      locales: ['en', 'fa'],
      defaultLang: 'fa',
      moderation: 'auto',
      holdUnverified: true,
      holdFlags: ['links', 'abuse'],
      blockedWords: ['foo', 'bar'],
      responseTimeHours: 48,
      sla: current.settings.sla,
      recovery: { ...current.settings.recovery, lowRating: 3, repeatCases: 2, intents: false },
      followupDelayDays: 14,
      // Blank: the default.
      quietPeriodDays: 90,
    });
    expect(out.value.settings.turnstileSiteKey).toBeUndefined();
  });

  it('leaves the origins out when the form has no origins field, so the server keeps them', () => {
    const out = settingsFromForm(form(without('origins')), current);
    expect(out.ok && 'origins' in out.value).toBe(false);
  });

  it('keeps the recovery rules when the form does not show them', () => {
    const out = settingsFromForm(form(valid.filter(([k]) => !k.startsWith('recovery.'))), current);
    expect(out.ok && out.value.settings.recovery).toEqual(current.settings.recovery);
  });

  it('reads an unticked "hold unverified" as off', () => {
    const out = settingsFromForm(form(without('holdUnverified')), current);
    expect(out.ok && out.value.settings.holdUnverified).toBe(false);
  });

  it.each([
    ['Persian digits', '۴۸', 48],
    ['Arabic-Indic digits', '٤٨', 48],
    ['a Persian decimal separator', '۱٫۵', 1.5],
  ])('reads a response time typed in %s', (_name, typed, hours) => {
    const out = settingsFromForm(form(replaced('responseTimeHours', typed)), current);
    expect(out.ok && out.value.settings.responseTimeHours).toBe(hours);
  });

  it('drops the response-time promise when the field is emptied', () => {
    const out = settingsFromForm(form(replaced('responseTimeHours', '')), current);
    expect(out.ok && out.value.settings.responseTimeHours).toBeUndefined();
  });

  it.each<[string, Array<[string, string]>, string, string, number | undefined]>([
    ['a bad colour', replaced('brandColor', 'red'), 'settings.brandColor', 'invalid_format', undefined],
    ['no tab', without('kinds'), 'settings.kinds', 'too_small', 1],
    ['no language', without('locales'), 'settings.locales', 'too_small', 1],
    ['a response time that is not a number', replaced('responseTimeHours', 'soon'), 'settings.responseTimeHours', 'invalid_type', undefined],
    ['a response time over a year', replaced('responseTimeHours', '9000'), 'settings.responseTimeHours', 'too_big', 8760],
    ['an override over 500 characters', replaced('strings.en.heading', 'x'.repeat(501)), 'settings.strings.en.heading', 'too_big', 500],
    ['a rating threshold above 5', replaced('recovery.lowRating', '6'), 'settings.recovery.lowRating', 'too_big', 5],
    ['an invitation delay over a year', replaced('followupDelayDays', '400'), 'settings.followupDelayDays', 'too_big', 365],
    ['a per-priority target of zero', [...valid, ['sla.P1.firstResponseHours', '0']], 'settings.sla.byPriority.P1.firstResponseHours', 'too_small', 0],
  ])('reports %s at its field, with the limit, instead of sending it', (_name, entries, path, code, limit) => {
    const out = settingsFromForm(form(entries), current);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors).toContainEqual(expect.objectContaining({ path, code, ...(limit === undefined ? {} : { limit }) }));
  });

  it('asks for the Turnstile secret with a new site key, but not when one is stored', () => {
    const entries = replaced('turnstileSiteKey', '0x4AAA');
    const out = settingsFromForm(form(entries), current);
    expect(!out.ok && out.errors.map((e) => e.path)).toEqual(['settings.turnstileSecretKey']);
    const stored = settingsFromForm(form(entries), { ...current, turnstileSecretSet: true });
    expect(stored.ok && stored.value.settings).toMatchObject({ turnstileSiteKey: '0x4AAA' });
    expect(stored.ok && 'turnstileSecretKey' in stored.value.settings).toBe(false);
    const given = settingsFromForm(form(replaced('turnstileSecretKey', 's3cret').map(([k, v]): [string, string] => [k, k === 'turnstileSiteKey' ? '0x4AAA' : v])), current);
    expect(given.ok && given.value.settings).toMatchObject({ turnstileSiteKey: '0x4AAA', turnstileSecretKey: 's3cret' });
  });
});

describe('stringsFromForm', () => {
  it('sets and clears the listed overrides and keeps every other key and language', () => {
    const out = stringsFromForm(form([['strings.en.heading', ''], ['strings.fa.share', 'نظر بدهید']]), current.settings.strings);
    expect(out).toEqual({ en: { loadFailed: 'Kept' }, fa: { share: 'نظر بدهید' }, de: { heading: 'Bewertungen' } });
  });
});
