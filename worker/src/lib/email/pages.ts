/**
 * The small pages behind an email's links: "unsubscribe?" and "confirm?" with one button each
 * (a GET never changes anything: mail scanners open links), and what the button did. Pure,
 * escaped, no script, no style sheet (the API's CSP allows neither), English or Persian.
 */
import type { Lang } from '../../../../shared/submission.ts';
import { escapeHtml } from './render.ts';

type Page = 'unsubscribe' | 'unsubscribed' | 'confirm' | 'confirmed' | 'invalid';

interface PageStrings {
  title: string;
  text: string;
  button?: string;
}

const STRINGS: Record<Lang, Record<Page, PageStrings>> = {
  en: {
    unsubscribe: { title: 'Unsubscribe', text: 'Stop all emails from {site} to this address?', button: 'Unsubscribe' },
    unsubscribed: { title: 'Unsubscribed', text: '{site} will send no more emails to this address.' },
    confirm: { title: 'Confirm your address', text: 'Hear from {site} when your review gets a reply?', button: 'Yes, confirm' },
    confirmed: { title: 'Confirmed', text: 'Thank you. {site} will write once, when your review gets a reply.' },
    invalid: { title: 'Link not valid', text: 'This link is not valid or has expired.' },
  },
  fa: {
    unsubscribe: { title: 'لغو اشتراک', text: 'دیگر هیچ ایمیلی از {site} به این نشانی فرستاده نشود؟', button: 'لغو اشتراک' },
    unsubscribed: { title: 'اشتراک لغو شد', text: '{site} دیگر به این نشانی ایمیلی نمی‌فرستد.' },
    confirm: { title: 'تأیید نشانی', text: 'وقتی به نظر شما پاسخ داده شد، {site} خبرتان کند؟', button: 'بله، تأیید می‌کنم' },
    confirmed: { title: 'تأیید شد', text: 'سپاس. وقتی به نظرتان پاسخ داده شد، {site} یک بار برایتان می‌نویسد.' },
    invalid: { title: 'پیوند نامعتبر', text: 'این پیوند نامعتبر است یا منقضی شده.' },
  },
};

/** The page; `action` is the URL the button posts to (the same link). */
export function emailPage(page: Page, lang: Lang, siteName: string, action?: string): string {
  const s = STRINGS[lang][page];
  const text = escapeHtml(s.text).replace('{site}', `<bdi>${escapeHtml(siteName)}</bdi>`);
  const form = s.button && action ? `<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(s.button)}</button></form>` : '';
  return [
    '<!doctype html>',
    `<html lang="${lang}" dir="${lang === 'fa' ? 'rtl' : 'ltr'}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(s.title)}</title></head>`,
    `<body><main><h1>${escapeHtml(s.title)}</h1><p>${text}</p>${form}</main></body></html>`,
  ].join('\n');
}
