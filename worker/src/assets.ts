/**
 * Serves the built widget, demo shop, moderation and tracking pages from Workers static assets,
 * adding the headers each needs: every response gets nosniff and a referrer policy; the
 * moderation and tracking pages a strict CSP that forbids framing, and no caching (the tracking
 * URL holds a token); the widget bundle CORS so merchants' pages can load it as a module script.
 *
 * The demo shop exists only in local development (the `DEMO` var, which `wrangler dev` and the
 * tests set and production does not): its looser CSP on the console's origin would otherwise
 * make any script running there same-origin with `/admin/`. Paths are judged by
 * lib/page-path.ts, which refuses odd spellings (`/%61dmin/`, `//admin/`, `/ADMIN/`, ...) before
 * the asset lookup, and any HTML that is not the demo shop gets the console's CSP whatever its
 * path, so no spelling reaches a page without it.
 */
import type { Context } from 'hono';
import type { AppEnv } from './types.ts';
import { devFlag } from './lib/dev.ts';
import { pagePath } from './lib/page-path.ts';
import { problemResponse } from './lib/problem.ts';

const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

// The demo shop stands in for a merchant's page: scripts from this origin only.
const DEMO_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function notFound(): Response {
  return problemResponse(404, 'not-found', 'Nothing lives at this address.');
}

export async function serveAsset(c: Context<AppEnv>): Promise<Response> {
  const url = new URL(c.req.url);
  const page = pagePath(url.pathname);
  if (!page.ok) return notFound();
  const demo = devFlag(c.env, 'DEMO');
  if (page.area === 'root') return c.redirect(demo ? '/demo/' : '/admin/', 302);
  if (page.area === 'demo' && !demo) return notFound();
  const upstream = await c.env.ASSETS.fetch(c.req.raw);
  if (upstream.status === 404) return notFound();
  const res = new Response(upstream.body, upstream);
  const h = res.headers;
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  const html = (h.get('content-type') ?? '').toLowerCase().startsWith('text/html');
  if (page.area === 'admin' || page.area === 'track' || (html && page.area !== 'demo')) {
    h.set('Content-Security-Policy', ADMIN_CSP);
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Cache-Control', 'no-store');
    // The tracking page's address carries the customer's token: never send it on as a referrer.
    if (page.area === 'track') h.set('Referrer-Policy', 'no-referrer');
  } else if (page.area === 'demo') {
    h.set('Content-Security-Policy', DEMO_CSP);
  } else {
    // The widget bundle and its lazy chunks: any merchant page may load them.
    h.set('Access-Control-Allow-Origin', '*');
    h.set('Cross-Origin-Resource-Policy', 'cross-origin');
    h.set('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
  }
  return res;
}
