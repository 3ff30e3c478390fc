/**
 * The Content-Security-Policy of served photos. The API's own policy would be overwritten here
 * anyway; a sandbox is what matters for a file a shopper chose: opened directly in a tab, even
 * a hostile one that slipped past the byte checks runs no script and reaches no origin.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../types.ts';

export const sandboxImages = createMiddleware<AppEnv>(async function sandboxImages(c, next) {
  await next();
  if (c.res.headers.get('content-type')?.startsWith('image/')) {
    c.res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
  }
});
