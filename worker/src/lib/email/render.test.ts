import { describe, expect, it } from 'vitest';
import { EMAIL_KINDS } from '../../../../shared/email.ts';
import { composeEmail, escapeHtml, oneLine, renderEmail, safeUrl, type RenderInput } from './render.ts';

const UNSUB = 'https://rebound.test/v1/email/unsubscribe?t=pk_x.abc.def';
const base: RenderInput = {
  kind: 'review.request',
  lang: 'en',
  siteName: 'Acme',
  brandColor: '#112233',
  name: 'Sam',
  products: [{ name: 'Kettle', url: 'https://shop.example/kettle?rb_order=TOKEN' }],
  unsubscribeUrl: UNSUB,
};

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
/** No markup from the payload survives: no tag opens, no attribute breaks out. */
function inert(html: string): void {
  expect(html).not.toMatch(/<script|<img|<iframe|javascript:/i);
  // Every tag left is one the template wrote.
  for (const tag of html.match(/<([a-z]+)/gi) ?? []) expect(['<html', '<head', '<meta', '<title', '<body', '<div', '<p', '<bdi', '<br', '<hr', '<a', '<ul', '<li', '<blockquote']).toContain(tag);
}

describe('renderEmail', () => {
  it.each([
    ['en', 'ltr', 'How was your order from Acme?', 'Review Kettle'],
    ['fa', 'rtl', 'سفارش شما از Acme چطور بود؟', 'نظر دربارهٔ Kettle'],
  ] as const)('writes %s with dir=%s in both parts', (lang, dir, subject, action) => {
    const r = renderEmail({ ...base, lang });
    expect(r.subject).toBe(subject);
    expect(r.html).toContain(`<html lang="${lang}" dir="${dir}">`);
    expect(r.html).toContain('https://shop.example/kettle?rb_order=TOKEN');
    expect(r.text).toContain(`${action}: https://shop.example/kettle?rb_order=TOKEN`);
    expect(r.text).toContain(UNSUB);
    expect(r.html).toContain(`href="${UNSUB}"`);
    expect(r.text).not.toMatch(/<[a-z]/i);
  });

  it('has a subject, a call to action and an unsubscribe link for every kind in both languages', () => {
    for (const kind of EMAIL_KINDS) {
      for (const lang of ['en', 'fa'] as const) {
        const r = renderEmail({ ...base, kind, lang, ref: 'R-1', quote: 'hello', actionUrl: 'https://rebound.test/track/?t=1' });
        expect(r.subject.length, `${kind} ${lang}`).toBeGreaterThan(5);
        expect(r.html).toContain(UNSUB);
        expect(r.text).toContain(UNSUB);
      }
    }
  });

  it('loads nothing when opened: no images, no remote styles, no tracking pixels', () => {
    const r = renderEmail({ ...base, kind: 'case.message', quote: 'x', actionUrl: 'https://rebound.test/track/' });
    expect(r.html).not.toMatch(/<img|<link|url\(|@import|<script/i);
  });

  it.each<[string, Partial<RenderInput>]>([
    ['customer name', { name: XSS }],
    ['site name', { siteName: XSS }],
    ['product name', { products: [{ name: XSS, url: 'https://shop.example/p' }] }],
    ['staff message', { kind: 'case.message', quote: XSS, ref: 'R-1' }],
    ['merchant reply', { kind: 'reply.published', quote: XSS }],
    ['case reference', { kind: 'case.rerate', ref: XSS }],
    ['merchant subject and intro', { template: { subject: XSS, intro: `${XSS} {name}` } }],
  ])('escapes a hostile %s: text in the HTML, never markup', (_field, over) => {
    const r = renderEmail({ ...base, ...over });
    inert(r.html);
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('fills placeholders in a merchant intro after escaping, so a hostile name stays text', () => {
    const r = renderEmail({ ...base, name: '<b>x</b>', template: { intro: 'Dear {name}, thanks from {site}. {unknown}' } });
    expect(r.html).toContain('Dear <bdi>&lt;b&gt;x&lt;/b&gt;</bdi>, thanks from <bdi>Acme</bdi>. {unknown}');
    expect(r.text).toContain('Dear <b>x</b>, thanks from Acme.');
  });

  it('keeps the subject on one line whatever the template says (no header injection)', () => {
    const r = renderEmail({ ...base, template: { subject: 'Hi\r\nBcc: victim@example.com' } });
    expect(r.subject).toBe('Hi Bcc: victim@example.com');
  });

  it('makes links only of http(s) URLs', () => {
    const r = renderEmail({ ...base, kind: 'case.message', quote: 'x', actionUrl: 'javascript:alert(1)', products: [{ name: 'P', url: 'data:text/html,x' }] });
    expect(r.html).not.toContain('javascript:');
    expect(r.html).not.toContain('data:text');
  });

  it('quotes a multi-line staff message line by line in the text part', () => {
    const r = renderEmail({ ...base, kind: 'case.message', ref: 'R-9', quote: 'line one\nline two', actionUrl: 'https://rebound.test/track/?ref=R-9' });
    expect(r.text).toContain('> line one\n> line two');
    expect(r.text).toContain('Follow your case: https://rebound.test/track/?ref=R-9');
    expect(r.subject).toBe('News about your case R-9');
  });
});

describe('composeEmail', () => {
  it('sends as the site, replies to the merchant and offers one-click unsubscribe', () => {
    const r = renderEmail(base);
    const m = composeEmail(r, { fromAddress: 'reviews@acme.example', siteName: 'Acme "Shop"\r\n', to: 'sam@example.com', replyTo: 'help@acme.example', unsubscribeUrl: UNSUB });
    expect(m.from).toEqual({ email: 'reviews@acme.example', name: 'Acme Shop' });
    expect(m.replyTo).toBe('help@acme.example');
    expect(m.headers).toEqual({ 'List-Unsubscribe': `<${UNSUB}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });
  it('leaves Reply-To out when the merchant gave no support address', () => {
    const m = composeEmail(renderEmail(base), { fromAddress: 'a@b.example', siteName: 'A', to: 'c@d.example', replyTo: null, unsubscribeUrl: UNSUB });
    expect('replyTo' in m).toBe(false);
  });
});

describe('helpers', () => {
  it.each([
    ['<a href="x">&\'</a>', '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;'],
  ])('escapeHtml(%s)', (input, out) => expect(escapeHtml(input)).toBe(out));
  it.each([
    ['a\nb\tc\u2028d', 'a b c d'],
    ['  x  ', 'x'],
  ])('oneLine(%j)', (input, out) => expect(oneLine(input)).toBe(out));
  it.each([
    ['https://a.example/x', 'https://a.example/x'],
    ['http://127.0.0.1:8787/demo/', 'http://127.0.0.1:8787/demo/'],
    ['javascript:alert(1)', null],
    ['not a url', null],
    [null, null],
  ])('safeUrl(%s)', (input, out) => expect(safeUrl(input)).toBe(out));
});
