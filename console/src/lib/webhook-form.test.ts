import { describe, expect, it } from 'vitest';
import { webhookFromForm } from './webhook-form.ts';

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe('webhookFromForm', () => {
  it.each<[string, Array<[string, string]>, unknown]>([
    ['an endpoint with two events, on', [['url', ' https://shop.example/hooks '], ['events', 'case.opened'], ['events', 'followup.due'], ['enabled', 'on']], { url: 'https://shop.example/hooks', events: ['case.opened', 'followup.due'], enabled: true }],
    ['no event ticked means every event', [['url', 'https://shop.example/hooks'], ['enabled', 'on']], { url: 'https://shop.example/hooks', events: [], enabled: true }],
    ['unticked "send" pauses it', [['url', 'https://shop.example/hooks']], { url: 'https://shop.example/hooks', events: [], enabled: false }],
    ['a new secret on request', [['url', 'https://shop.example/hooks'], ['enabled', 'on'], ['rotateSecret', 'on']], { url: 'https://shop.example/hooks', events: [], enabled: true, rotateSecret: true }],
  ])('reads %s', (_name, entries, value) => {
    expect(webhookFromForm(form(entries))).toEqual({ ok: true, value });
  });

  it.each([['an empty address', ''], ['not an address', 'shop hooks'], ['another scheme', 'ftp://shop.example/hooks']])('puts %s at the url field', (_name, url) => {
    const out = webhookFromForm(form([['url', url]]));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0]).toMatchObject({ path: 'url', code: 'invalid_url' });
  });

  it('refuses an unknown event rather than dropping it', () => {
    const out = webhookFromForm(form([['url', 'https://shop.example/hooks'], ['events', 'case.deleted']]));
    expect(out.ok).toBe(false);
  });
});
