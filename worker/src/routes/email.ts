/**
 * The links in Rebound's emails. `POST /v1/email/unsubscribe?t=` is RFC 8058 one-click: mail
 * providers POST `List-Unsubscribe=One-Click` with no cookie, so the signed token is the only
 * credential and the request needs no CSRF check (it can only ever stop mail to the address the
 * token names). It is idempotent. `GET` of either link shows a page with one button, since mail
 * scanners open links and a GET must change nothing. `?lang=` only picks the page's language.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import { EmailTokenQuery, type EmailActionResult } from '../../../shared/email.ts';
import { Lang } from '../../../shared/submission.ts';
import { confirmOptin, confirmedOptin, suppressStatements } from '../db/emails.ts';
import { readModerated } from '../db/moderation.ts';
import { readConfirm, readUnsubscribe } from '../lib/email/links.ts';
import { replyNoticeEmail, sendSoon } from '../lib/email/outbox.ts';
import { emailPage } from '../lib/email/pages.ts';
import { ProblemError } from '../lib/problem.ts';
import { valid } from '../lib/validate.ts';

const LinkQuery = z.extend(EmailTokenQuery, { lang: z.optional(Lang) });

function langOf(c: Context<AppEnv>): Lang {
  const lang = Lang.safeParse(c.req.query('lang'));
  return lang.success ? lang.data : 'en';
}

/** A browser posting the page's form gets a page back; a mail provider gets JSON. */
function wantsHtml(c: Context<AppEnv>): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}

function invalidLink(): ProblemError {
  return new ProblemError(404, 'invalid-link', 'This link is not valid or has expired.');
}

export const emailRoutes = new Hono<AppEnv>()
  .get('/unsubscribe', valid('query', LinkQuery), async function unsubscribePage(c) {
    const found = await readUnsubscribe(c.env.DB, c.req.valid('query').t, c.get('now'));
    if (!found) return c.html(emailPage('invalid', langOf(c), ''), 404);
    return c.html(emailPage('unsubscribe', langOf(c), found.site.name, c.req.url));
  })
  .post('/unsubscribe', valid('query', LinkQuery), async function unsubscribe(c) {
    const now = c.get('now');
    const found = await readUnsubscribe(c.env.DB, c.req.valid('query').t, now);
    if (!found) throw invalidLink();
    await c.env.DB.batch(suppressStatements(c.env.DB, found.site.id, found.hash, 'unsubscribed', now));
    if (wantsHtml(c)) return c.html(emailPage('unsubscribed', langOf(c), found.site.name));
    const answer: EmailActionResult = { ok: true, state: 'unsubscribed' };
    return c.json(answer);
  })
  .get('/confirm', valid('query', LinkQuery), async function confirmPage(c) {
    const found = await readConfirm(c.env.DB, c.req.valid('query').t, c.get('now'));
    if (!found) return c.html(emailPage('invalid', langOf(c), ''), 404);
    return c.html(emailPage('confirm', langOf(c), found.site.name, c.req.url));
  })
  .post('/confirm', valid('query', LinkQuery), async function confirm(c) {
    const now = c.get('now');
    const db = c.env.DB;
    const found = await readConfirm(db, c.req.valid('query').t, now);
    if (!found) throw invalidLink();
    const confirmed = await confirmOptin(db, { siteId: found.site.id, submissionId: found.submissionId, hash: found.hash }, now);
    // The reviewer's submission was erased since: nothing to confirm.
    if (!confirmed) throw invalidLink();
    // A reply published before the address was confirmed is announced now.
    const target = await readModerated(db, found.site.id, found.submissionId);
    const optin = target?.item.reply ? await confirmedOptin(db, found.site.id, found.submissionId) : null;
    if (optin) {
      const emails = replyNoticeEmail(db, found.site, optin, found.submissionId, new URL(c.req.url).origin, now);
      await db.batch(emails.map((e) => e.statement));
      await sendSoon(c.env, emails, now);
    }
    if (wantsHtml(c)) return c.html(emailPage('confirmed', langOf(c), found.site.name));
    const answer: EmailActionResult = { ok: true, state: 'confirmed' };
    return c.json(answer);
  });
