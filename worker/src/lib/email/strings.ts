/**
 * Rebound's wording of every email, in English and Persian (typed against English). `{name}`,
 * `{site}` and `{ref}` are filled in as text; merchants may replace `subject` and `intro`
 * (settings.emailTemplates), never the rest.
 */
import type { EmailKind } from '../../../../shared/email.ts';

export interface KindStrings {
  subject: string;
  intro: string;
  /** The call to action on the email's one button (or each product's link). */
  action: string;
}

export interface EmailStrings {
  kinds: Record<EmailKind, KindStrings>;
  greeting: string;
  /** Shown above the staff message or the merchant's reply. */
  quoteLabel: { 'case.message': string; 'reply.published': string };
  footer: string;
  unsubscribe: string;
}

export const en: EmailStrings = {
  kinds: {
    'review.request': {
      subject: 'How was your order from {site}?',
      intro: 'Thank you for your order. How did it go? Your honest review, good or bad, helps other shoppers and helps us do better.',
      action: 'Review {product}',
    },
    'review.reminder': {
      subject: 'A reminder: how was your order from {site}?',
      intro: 'We asked a few days ago how your order went. If you have a minute, we would still like to hear what you think, whatever it is.',
      action: 'Review {product}',
    },
    'reply.published': {
      subject: '{site} replied to your review',
      intro: '{site} has published a reply to your review.',
      action: 'Read it on the site',
    },
    'case.message': {
      subject: 'News about your case {ref}',
      intro: 'There is a new message about your case {ref}.',
      action: 'Follow your case',
    },
    'case.rerate': {
      subject: 'How do you feel now? Case {ref}',
      intro: 'Your case {ref} has been resolved. Would you tell us how you feel about it now? It takes a moment.',
      action: 'Rate it again',
    },
    confirm: {
      subject: 'Confirm your address for replies from {site}',
      intro: 'You asked to hear when {site} replies to your review. Confirm this address and we will write once, when a reply is published. If this was not you, ignore this email.',
      action: 'Confirm my address',
    },
  },
  greeting: 'Hello {name},',
  quoteLabel: { 'case.message': 'The message:', 'reply.published': 'The reply:' },
  footer: 'You get this email because of your order, review or case at {site}.',
  unsubscribe: 'Unsubscribe from emails from {site}',
};

export const fa: EmailStrings = {
  kinds: {
    'review.request': {
      subject: 'سفارش شما از {site} چطور بود؟',
      intro: 'از خرید شما سپاسگزاریم. تجربه‌تان چطور بود؟ نظر صادقانهٔ شما، خوب یا بد، به خریداران دیگر و به ما برای بهتر شدن کمک می‌کند.',
      action: 'نظر دربارهٔ {product}',
    },
    'review.reminder': {
      subject: 'یادآوری: سفارش شما از {site} چطور بود؟',
      intro: 'چند روز پیش پرسیدیم سفارشتان چطور بود. اگر فرصت دارید، هنوز دوست داریم نظرتان را بدانیم، هر چه باشد.',
      action: 'نظر دربارهٔ {product}',
    },
    'reply.published': {
      subject: '{site} به نظر شما پاسخ داد',
      intro: '{site} پاسخی به نظر شما منتشر کرد.',
      action: 'دیدن در سایت',
    },
    'case.message': {
      subject: 'خبر تازه دربارهٔ پروندهٔ {ref}',
      intro: 'پیام تازه‌ای دربارهٔ پروندهٔ {ref} شما هست.',
      action: 'پیگیری پرونده',
    },
    'case.rerate': {
      subject: 'حالا چه حسی دارید؟ پروندهٔ {ref}',
      intro: 'پروندهٔ {ref} شما حل شد. می‌گویید حالا چه حسی دربارهٔ آن دارید؟ یک لحظه بیشتر طول نمی‌کشد.',
      action: 'امتیاز دوباره',
    },
    confirm: {
      subject: 'تأیید نشانی برای پاسخ‌های {site}',
      intro: 'خواسته بودید وقتی {site} به نظرتان پاسخ داد خبردار شوید. این نشانی را تأیید کنید تا وقتی پاسخی منتشر شد یک بار برایتان بنویسیم. اگر شما نبودید، این ایمیل را نادیده بگیرید.',
      action: 'تأیید نشانی من',
    },
  },
  greeting: '{name} عزیز،',
  quoteLabel: { 'case.message': 'پیام:', 'reply.published': 'پاسخ:' },
  footer: 'این ایمیل به خاطر سفارش، نظر یا پرونده‌تان در {site} برایتان فرستاده شد.',
  unsubscribe: 'لغو دریافت ایمیل‌های {site}',
};

export const EMAIL_STRINGS = { en, fa } as const;
