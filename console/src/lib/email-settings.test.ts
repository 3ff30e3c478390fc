import { describe, expect, it } from 'vitest';
import { SiteSettings } from '../../../shared/site.ts';
import type { AdminSettings } from '../../../shared/admin.ts';
import { sendingFromForm, templateInto } from './email-settings.ts';

const current: AdminSettings = {
  site: { id: 'pk_x', name: 'Shop' },
  origins: ['https://shop.example'],
  settings: SiteSettings.parse({ emailFrom: 'old@shop.example' }),
  turnstileSecretSet: false,
};

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

describe('sendingFromForm', () => {
  it('reads the mode, addresses and reminder delay; an empty sender means the default', () => {
    const r = sendingFromForm(form({ emailMode: 'webhook', emailFrom: '', emailReplyTo: 'help@shop.example', reviewReminderDays: '0' }), current);
    expect(r.ok && r.value.settings).toMatchObject({ emailMode: 'webhook', emailReplyTo: 'help@shop.example', reviewReminderDays: 0 });
    expect(r.ok && 'emailFrom' in r.value.settings).toBe(false);
  });
  it('refuses an address that is not one, naming the field', () => {
    const r = sendingFromForm(form({ emailMode: 'rebound', emailFrom: 'not an address', reviewReminderDays: '7' }), current);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.path).toBe('settings.emailFrom');
  });
});

describe('templateInto', () => {
  it('stores a subject and intro for one kind and language, as text', () => {
    const r = templateInto(current, 'review.request', 'fa', ' سلام {name} ', '<b>hi</b>');
    expect(r.ok && r.value.settings.emailTemplates['review.request']?.fa).toEqual({ subject: 'سلام {name}', intro: '<b>hi</b>' });
  });
  it('clearing both fields returns to the default wording', () => {
    const withOne = templateInto(current, 'case.message', 'en', 'X', '');
    const base = withOne.ok ? { ...current, settings: withOne.value.settings } : current;
    const r = templateInto(base, 'case.message', 'en', '', '');
    expect(r.ok && r.value.settings.emailTemplates['case.message']?.en).toBeUndefined();
  });
});
