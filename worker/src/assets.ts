/**
 * Serves the built widget, demo shop, moderation and tracking pages from Workers static assets,
 * adding the headers each needs: every response gets nosniff and a referrer policy; the
 * moderation and tracking pages a strict CSP that forbids framing, and no caching (the tracking
 * URL holds a token); the widget bundle CORS so merchants' pages can load it as a module script.
 */
import type { Context } from 'hono';
import type { AppEnv } from './types.ts';
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

export async function serveAsset(c: Context<AppEnv>): Promise<Response> {
  const url = new URL(c.req.url);
  if (url.pathname === '/') return c.redirect('/demo/', 302);
  const upstream = await c.env.ASSETS.fetch(c.req.raw);
  if (upstream.status === 404) return problemResponse(404, 'not-found', 'Nothing lives at this address.');
  const res = new Response(upstream.body, upstream);
  const h = res.headers;
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (url.pathname.startsWith('/admin') || url.pathname.startsWith('/track')) {
    h.set('Content-Security-Policy', ADMIN_CSP);
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Cache-Control', 'no-store');
    // The tracking page's address carries the customer's token: never send it on as a referrer.
    if (url.pathname.startsWith('/track')) h.set('Referrer-Policy', 'no-referrer');
  } else if (url.pathname.startsWith('/demo')) {
    h.set('Content-Security-Policy', DEMO_CSP);
  } else {
    // The widget bundle and its lazy chunks: any merchant page may load them.
    h.set('Access-Control-Allow-Origin', '*');
    h.set('Cross-Origin-Resource-Policy', 'cross-origin');
    h.set('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
  }
  return res;
}
