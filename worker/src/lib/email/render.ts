/**
 * Renders one email to a subject, an HTML part and a plain-text part, and composes the message
 * the `send_email` binding takes. Pure: no I/O, no clock.
 *
 * Safety is in the structure, not in the inputs: the merchant's subject and intro, the site's
 * name, the customer's name, staff messages and replies are all text. Each is HTML-escaped
 * where it lands, placeholders are filled after escaping, and only http(s) URLs become links.
 * Nothing loads from elsewhere when the email is opened: no images, no tracking pixels.
 */
import type { EmailKind, TemplateText } from '../../../../shared/email.ts';
import type { Lang } from '../../../../shared/submission.ts';
import { EMAIL_STRINGS } from './strings.ts';

export interface RenderInput {
  kind: EmailKind;
  lang: Lang;
  siteName: string;
  /** `#rrggbb`; anything else falls back to Rebound's colour. */
  brandColor: string;
  /** The merchant's subject and intro for this kind and language, if they wrote one. */
  template?: TemplateText | undefined;
  /** The customer's name as they gave it. */
  name: string;
  ref?: string | null | undefined;
  /** The staff message (case.message) or the merchant's reply (reply.published): plain text. */
  quote?: string | null | undefined;
  /** Review emails: each product, with its signed review link when the merchant gave a page. */
  products?: readonly { name: string; url: string | null }[] | undefined;
  /** The email's one button: tracking page, re-rating, confirmation. */
  actionUrl?: string | null | undefined;
  unsubscribeUrl: string;
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** One line, no control characters: what may go into a header such as Subject or a display name. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** `{key}` replaced by `vars[key]`; unknown keys are left as they are. */
function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** The URL when it is http(s), else null: nothing else becomes a link. */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function color(value: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(value) ? value : '#4f46e5';
}

export function renderEmail(input: RenderInput): Rendered {
  const strings = EMAIL_STRINGS[input.lang];
  const kind = strings.kinds[input.kind];
  const rtl = input.lang === 'fa';
  const vars = { name: input.name, site: input.siteName, ref: input.ref ?? '' };
  const htmlVars = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, `<bdi>${escapeHtml(v)}</bdi>`]));
  const subjectTemplate = input.template?.subject?.trim() || kind.subject;
  const introTemplate = input.template?.intro?.trim() || kind.intro;
  const subject = oneLine(fill(subjectTemplate, vars));
  const brand = color(input.brandColor);
  const unsubscribeUrl = safeUrl(input.unsubscribeUrl) ?? '';
  const actionUrl = safeUrl(input.actionUrl);
  const quoteLabel = input.kind === 'case.message' || input.kind === 'reply.published' ? strings.quoteLabel[input.kind] : null;
  const quote = input.quote?.trim() ? input.quote.trim() : null;
  const products = (input.products ?? []).map((p) => ({ name: p.name, url: safeUrl(p.url) }));

  const html: string[] = [];
  const text: string[] = [];
  html.push(
    '<!doctype html>',
    `<html lang="${input.lang}" dir="${rtl ? 'rtl' : 'ltr'}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body dir="${rtl ? 'rtl' : 'ltr'}" style="margin:0;padding:24px;background:#f6f6f7;color:#1f2937;font-family:${rtl ? 'Tahoma,Vazirmatn,' : ''}-apple-system,'Segoe UI',Roboto,Arial,sans-serif;line-height:1.6">`,
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px;text-align:${rtl ? 'right' : 'left'}">`,
    `<p style="margin:0 0 16px;font-weight:bold;color:${brand}">${escapeHtml(input.siteName)}</p>`,
    `<p>${fill(escapeHtml(strings.greeting), htmlVars)}</p>`,
    `<p>${fill(escapeHtml(introTemplate), htmlVars)}</p>`,
  );
  text.push(input.siteName, '', fill(strings.greeting, vars), '', fill(introTemplate, vars), '');
  if (quote !== null && quoteLabel !== null) {
    html.push(
      `<p style="margin-bottom:4px">${escapeHtml(quoteLabel)}</p>`,
      `<blockquote dir="auto" style="margin:0 0 16px;padding:8px 12px;border-inline-start:3px solid ${brand};white-space:pre-wrap">${escapeHtml(quote)}</blockquote>`,
    );
    text.push(quoteLabel, ...quote.split('\n').map((line) => `> ${line}`), '');
  }
  if (products.length > 0) {
    html.push('<ul style="padding-inline-start:20px">');
    for (const p of products) {
      const label = fill(escapeHtml(kind.action), { product: `<bdi>${escapeHtml(p.name)}</bdi>` });
      html.push(p.url ? `<li><a href="${escapeHtml(p.url)}" style="color:${brand}">${label}</a></li>` : `<li><bdi>${escapeHtml(p.name)}</bdi></li>`);
      text.push(p.url ? `${fill(kind.action, { product: p.name })}: ${p.url}` : `- ${p.name}`);
    }
    html.push('</ul>');
    text.push('');
  }
  if (actionUrl) {
    html.push(
      `<p style="margin:24px 0"><a href="${escapeHtml(actionUrl)}" style="display:inline-block;padding:10px 18px;background:${brand};color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(kind.action)}</a></p>`,
    );
    text.push(`${kind.action}: ${actionUrl}`, '');
  }
  const footer = fill(escapeHtml(strings.footer), htmlVars);
  const unsubscribe = fill(escapeHtml(strings.unsubscribe), htmlVars);
  html.push(
    '<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0 12px">',
    `<p style="font-size:12px;color:#6b7280">${footer}<br><a href="${escapeHtml(unsubscribeUrl)}" style="color:#6b7280">${unsubscribe}</a></p>`,
    '</div></body></html>',
  );
  text.push('--', fill(strings.footer, vars), `${fill(strings.unsubscribe, vars)}: ${unsubscribeUrl}`);
  return { subject, html: html.join('\n'), text: text.join('\n') };
}

/** The structured form of `send_email`'s `send()` (Cloudflare Email Service). */
export interface OutgoingEmail {
  from: { email: string; name: string };
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * The message as the binding takes it: the site's name as sender, replies to the merchant's
 * support address, and one-click unsubscribe (RFC 8058: the POST form of the same link).
 */
export function composeEmail(
  rendered: Rendered,
  o: { fromAddress: string; siteName: string; to: string; replyTo: string | null; unsubscribeUrl: string },
): OutgoingEmail {
  const email: OutgoingEmail = {
    from: { email: o.fromAddress, name: oneLine(o.siteName).replace(/["<>]/g, '') || 'Rebound' },
    to: o.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: {
      'List-Unsubscribe': `<${o.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
  if (o.replyTo) email.replyTo = o.replyTo;
  return email;
}
