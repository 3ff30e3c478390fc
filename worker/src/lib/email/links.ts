/**
 * The links an email carries that act on it: one-click unsubscribe and the double opt-in
 * confirmation. A link's `t` is `SITE.TOKEN`: the site id (public) says whose key verifies the
 * signed token, which carries only the address's keyed hash, never the address.
 */
import * as z from 'zod/mini';
import type { Lang } from '../../../../shared/submission.ts';
import { readSite, type SiteRow } from '../../db/sites.ts';
import { signToken, verifyToken } from '../signed.ts';

/** How long a confirmation link works; after that the reviewer asks again. */
export const CONFIRM_TTL_MS = 14 * 24 * 3_600_000;

const UnsubscribeData = z.object({ h: z.string() });
const ConfirmData = z.object({ h: z.string(), s: z.string() });

/** `lang` only picks the language of the page the link opens; it is not signed and decides nothing. */
export async function unsubscribeUrl(origin: string, site: Pick<SiteRow, 'id' | 'signingKey'>, hash: string, lang: Lang): Promise<string> {
  // Unsubscribe links never expire: an old email must still let its reader stop the mail.
  const token = await signToken(site.signingKey, 'unsubscribe', { h: hash });
  return `${origin}/v1/email/unsubscribe?${new URLSearchParams({ t: `${site.id}.${token}`, lang }).toString()}`;
}

export async function confirmUrl(origin: string, site: Pick<SiteRow, 'id' | 'signingKey'>, submissionId: string, hash: string, lang: Lang, nowMs: number): Promise<string> {
  const token = await signToken(site.signingKey, 'confirm', { h: hash, s: submissionId }, nowMs + CONFIRM_TTL_MS);
  return `${origin}/v1/email/confirm?${new URLSearchParams({ t: `${site.id}.${token}`, lang }).toString()}`;
}

async function open(db: D1Database, t: string): Promise<{ site: SiteRow; token: string } | null> {
  const dot = t.indexOf('.');
  if (dot <= 0) return null;
  const site = await readSite(db, t.slice(0, dot));
  return site ? { site, token: t.slice(dot + 1) } : null;
}

export async function readUnsubscribe(db: D1Database, t: string, nowMs: number): Promise<{ site: SiteRow; hash: string } | null> {
  const opened = await open(db, t);
  if (!opened) return null;
  const data = UnsubscribeData.safeParse(await verifyToken(opened.site.signingKey, 'unsubscribe', opened.token, nowMs));
  return data.success ? { site: opened.site, hash: data.data.h } : null;
}

export async function readConfirm(db: D1Database, t: string, nowMs: number): Promise<{ site: SiteRow; hash: string; submissionId: string } | null> {
  const opened = await open(db, t);
  if (!opened) return null;
  const data = ConfirmData.safeParse(await verifyToken(opened.site.signingKey, 'confirm', opened.token, nowMs));
  return data.success ? { site: opened.site, hash: data.data.h, submissionId: data.data.s } : null;
}
