/**
 * Staff authentication for `/v1/admin/*`: the session cookie, and the cross-site request
 * refusal that keeps a logged-in browser from being driven by another page.
 *
 * @example
 * ```ts
 * export const adminThingRoutes = new Hono<AppEnv>()
 *   .use('/things/*', refuseCrossSite, requireStaff)
 *   .get('/things/:id', function readThing(c) { const { siteId } = c.get('staff'); ... });
 * ```
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../types.ts';
import { readSession } from '../db/staff.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';

/** Sessions last one working day; logging in again is cheap, a stolen cookie should not be. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const COOKIE = 'rb_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isHttps(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * The session cookie is `__Host-rb_session` over https (Secure, no Domain, Path=/, so no
 * sibling host can plant or read it) and plain `rb_session` over http, which only local
 * development uses: browsers refuse Secure and `__Host-` cookies on plain http.
 */
export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return isHttps(c) ? getCookie(c, COOKIE, 'host') : getCookie(c, COOKIE);
}

export function writeSessionCookie(c: Context<AppEnv>, sessionId: string): void {
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  if (isHttps(c)) {
    setCookie(c, COOKIE, sessionId, { prefix: 'host', secure: true, path: '/', httpOnly: true, sameSite: 'Strict', maxAge });
  } else {
    setCookie(c, COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'Strict', maxAge });
  }
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  if (isHttps(c)) deleteCookie(c, COOKIE, { prefix: 'host', secure: true, path: '/' });
  else deleteCookie(c, COOKIE, { path: '/' });
}

/**
 * Refuses a state-changing request unless a browser says it came from this very origin:
 * `Sec-Fetch-Site: same-origin`, or, from browsers that do not send that header, an `Origin`
 * equal to the request's own. Unlike hono's `csrf`, it holds for every method and content
 * type (JSON included), and a request with neither header is refused: the staff API is
 * driven by a browser holding a cookie, so a request that cannot show where it came from
 * is not one we need.
 */
export const refuseCrossSite = createMiddleware<AppEnv>(async function refuseCrossSite(c, next) {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const own = new URL(c.req.url).origin;
    const fromHere =
      (origin === undefined || origin === own) &&
      (fetchSite !== undefined ? fetchSite === 'same-origin' : origin === own);
    if (!fromHere) throw new ProblemError(403, 'cross-site', 'Staff changes must come from the moderation page itself.');
  }
  await next();
});

/** Loads the staff session from the cookie into `c.var.staff`, or answers 401. */
export const requireStaff = createMiddleware<AppEnv>(async function requireStaff(c, next) {
  const sessionId = readSessionCookie(c);
  // Session ids are 32 random bytes in base64url; anything else cannot be one.
  const session =
    sessionId && /^[A-Za-z0-9_-]{16,128}$/.test(sessionId)
      ? await readSession(c.env.DB, await sha256Hex(sessionId), c.get('now'))
      : null;
  if (!session) throw new ProblemError(401, 'unauthorized', 'Log in with a staff token first.');
  c.set('staff', {
    sessionHash: session.idHash,
    siteId: session.siteId,
    siteName: session.siteName,
    staffId: session.staffId,
    staffName: session.staffName,
    expiresAt: session.expiresAt,
  });
  await next();
});
