/**
 * `/v1/admin/emails`: what the site sent or will send, with each email's state (keyset pages,
 * newest first, optionally one case's or one state's), and a preview of any template as it
 * would be sent, with the merchant's unsaved subject and intro. Scoped to the staff member's site.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import { AdminEmailsQuery, EmailPreviewInput, type AdminEmailsPage, type EmailPreview } from '../../../shared/email.ts';
import { listEmails, toAdminEmail } from '../db/emails.ts';
import { readSite } from '../db/sites.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { composeEmail, renderEmail } from '../lib/email/render.ts';
import { ProblemError } from '../lib/problem.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

const SAMPLE = {
  en: { name: 'Sam Carter', product: 'Sample product', message: 'We have sent a replacement today; it should arrive on Friday.' },
  fa: { name: 'سارا محمدی', product: 'محصول نمونه', message: 'امروز کالای جایگزین را فرستادیم؛ جمعه به دستتان می‌رسد.' },
} as const;

export const adminEmailRoutes = new Hono<AppEnv>()
  .use('/emails', refuseCrossSite, requireStaff)
  .use('/emails/*', refuseCrossSite, requireStaff)
  .get('/emails', valid('query', AdminEmailsQuery), async function listOutgoingEmails(c) {
    const q = c.req.valid('query');
    const staff = c.get('staff');
    const site = await readSite(c.env.DB, staff.siteId);
    if (!site) throw new ProblemError(401, 'unauthorized', 'Log in again.');
    const scope = `emails:${site.id}:${q.case ?? ''}:${q.status ?? ''}`;
    let after: { createdAt: number; id: string } | undefined;
    if (q.cursor) {
      const key = await decodeCursor(site.signingKey, scope, q.cursor, z.tuple([z.number(), z.string()]));
      if (!key) throw new ProblemError(400, 'bad-cursor', 'This cursor does not belong to this list.');
      after = { createdAt: key[0], id: key[1] };
    }
    const rows = await listEmails(c.env.DB, site.id, { caseId: q.case, state: q.status, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const answer: AdminEmailsPage = {
      items: page.map(toAdminEmail),
      nextCursor: rows.length > q.limit && last ? await encodeCursor(site.signingKey, scope, [last.created_at, last.id]) : null,
    };
    return c.json(answer);
  })
  .post('/emails/preview', requireJson, valid('json', EmailPreviewInput), async function previewEmail(c) {
    const input = c.req.valid('json');
    const site = await readSite(c.env.DB, c.get('staff').siteId);
    if (!site) throw new ProblemError(401, 'unauthorized', 'Log in again.');
    const origin = new URL(c.req.url).origin;
    const sample = SAMPLE[input.lang];
    const unsubscribeUrl = `${origin}/v1/email/unsubscribe?t=preview`;
    const rendered = renderEmail({
      kind: input.kind,
      lang: input.lang,
      siteName: site.name,
      brandColor: site.settings.brandColor,
      template: input.template ?? site.settings.emailTemplates[input.kind]?.[input.lang],
      name: sample.name,
      ref: 'RB-SAMPLE',
      quote: sample.message,
      products: input.kind === 'review.request' || input.kind === 'review.reminder' ? [{ name: sample.product, url: `${origin}/demo/` }] : [],
      actionUrl: input.kind.startsWith('review.') ? null : `${origin}/track/`,
      unsubscribeUrl,
    });
    const message = composeEmail(rendered, {
      fromAddress: site.settings.emailFrom ?? c.env.EMAIL_FROM,
      siteName: site.name,
      to: 'customer@example.com',
      replyTo: site.settings.emailReplyTo ?? null,
      unsubscribeUrl,
    });
    const answer: EmailPreview = {
      from: `${message.from.name} <${message.from.email}>`,
      replyTo: message.replyTo ?? null,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
    };
    return c.json(answer);
  });
