/**
 * Why an email was not sent, in the console's language. The worker stores a short English
 * reason (rules/email.ts, queue/send-email.ts); a known one is translated, anything else (a
 * provider's error text) is data and shown as it came, inside `<bdi>`.
 */
import { html } from 'lit';
import type { Messages } from '../i18n/en.ts';

export const EMAIL_REASONS = [
  'unsubscribed',
  'no longer wanted',
  'the site sends its own review requests',
  'the customer already wrote',
  'the request was not sent',
  'quiet period',
  'unreadable email data',
  'the site is gone',
] as const;

export function emailReason(reason: string | null, m: Messages) {
  if (!reason) return '';
  const known = (EMAIL_REASONS as readonly string[]).includes(reason) ? m.emailReason[reason as (typeof EMAIL_REASONS)[number]] : null;
  return known ?? html`<bdi>${reason}</bdi>`;
}
