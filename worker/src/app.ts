/**
 * Builds the Hono app: global middleware, one router per resource, one error handler.
 * `index.ts` only wires this into the Worker's handlers.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import { MAX_BODY_BYTES } from '../../shared/limits.ts';
import type { AppEnv } from './types.ts';
import { ProblemError, problemResponse, toProblemResponse } from './lib/problem.ts';
import { loadSite, siteCors } from './middleware/site.ts';
import { rateLimit, RATE_LIMITS } from './middleware/rate-limit.ts';
import { requireTurnstile } from './middleware/turnstile.ts';
import { serveAsset } from './assets.ts';
import { healthRoutes, pingRoutes } from './routes/health.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { widgetRoutes } from './routes/widget.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { adminSessionRoutes } from './routes/admin-session.ts';
import { adminSubmissionRoutes } from './routes/admin-submissions.ts';
import { adminMetricsRoutes } from './routes/admin-metrics.ts';
import { adminWebhookRoutes } from './routes/admin-webhooks.ts';
import { orderRoutes } from './routes/orders.ts';
import { caseRoutes } from './routes/cases.ts';
import { adminCaseRoutes } from './routes/admin-cases.ts';
import { adminCaseLinkRoutes } from './routes/admin-case-links.ts';
import { adminSettingsRoutes } from './routes/admin-settings.ts';
import { adminAuditRoutes } from './routes/admin-audit.ts';
import { adminDataRoutes } from './routes/admin-data.ts';
import { adminRouterRoutes } from './routes/admin-router.ts';
import { adminEmailRoutes } from './routes/admin-emails.ts';
import { emailRoutes } from './routes/email.ts';
import { photoRoutes } from './routes/photos.ts';
import { adminPhotoRoutes } from './routes/admin-photos.ts';
import { sandboxImages } from './middleware/photo-headers.ts';

function isUploadPath(path: string): boolean {
  return /^\/v1\/sites\/[^/]+\/uploads\/?$/.test(path);
}
import { productRoutes } from './routes/products.ts';
import { adminProductRoutes } from './routes/admin-products.ts';
import { adminImportRoutes } from './routes/admin-imports.ts';
import { adminFeedRoutes } from './routes/admin-feeds.ts';
import { feedRoutes } from './routes/feeds.ts';
import { ratingRoutes } from './routes/ratings.ts';
import { adminOriginRoutes } from './routes/admin-origins.ts';

export function buildApp() {
  const app = new Hono<AppEnv>();

  app.use('*', async function clock(c, next) {
    c.set('now', Date.now());
    await next();
  });

  // Every response, whatever made it (assets, redirects, not-found problems), is nosniff with a
  // referrer policy; a problem outside /v1 gets the API's empty CSP too.
  app.use('*', async function baselineHeaders(c, next) {
    await next();
    if (!c.res.headers.has('X-Content-Type-Options')) c.res = new Response(c.res.body, c.res);
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (!h.has('Content-Security-Policy') && h.get('content-type') === 'application/problem+json') {
      h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    }
  });

  // Registered before the API's headers so it runs after them: a photo's CSP is a sandbox.
  app.use('/v1/sites/:site/photos/*', sandboxImages);
  app.use('/v1/admin/photos/*', sandboxImages);
  app.use(
    '/v1/*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'cross-origin',
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
    // GET and HEAD never read a body, and bodyLimit would rebuild one that came with a body
    // (Transfer-Encoding on a GET) into a Request the runtime refuses: a 500 (found by fuzzing).
    // Photo uploads have their own, larger limit (routes/photos.ts).
    except(
      // Review imports are whole export files and photos are raw images; those routes set their own limits.
      (c) => c.req.method === 'GET' || c.req.method === 'HEAD' || isUploadPath(c.req.path) || (c.req.method === 'POST' && c.req.path === '/v1/admin/imports'),
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new ProblemError(413, 'body-too-large', `The body must be at most ${MAX_BODY_BYTES} bytes.`);
        },
      }),
    ),
  );
  app.use('/v1/sites/:site/*', loadSite, siteCors);
  // Abuse controls run after the site is known and before any route reads the body.
  app.use('/v1/sites/:site/submissions', rateLimit(RATE_LIMITS.submit), requireTurnstile());
  app.use('/v1/sites/:site/uploads', rateLimit(RATE_LIMITS.upload));
  app.use('/v1/sites/:site/reviews/:id/helpful', rateLimit(RATE_LIMITS.vote));
  app.use('/v1/sites/:site/cases/:ref/feedback', rateLimit(RATE_LIMITS.feedback));
  app.use('/v1/sites/:site/cases/:ref/contact', rateLimit(RATE_LIMITS.feedback));
  app.use('/v1/sites/:site/widget', rateLimit(RATE_LIMITS.bootstrap));
  app.use('/v1/sites/:site/ratings', rateLimit(RATE_LIMITS.bootstrap));
  app.use('/v1/sites/:site/reviews', rateLimit(RATE_LIMITS.read));
  app.use('/v1/sites/:site/photos/:id', rateLimit(RATE_LIMITS.read));
  app.use('/v1/sites/:site/cases/:ref', rateLimit(RATE_LIMITS.read));

  app.route('/v1', healthRoutes);
  app.route('/v1', pingRoutes);
  app.route('/v1', openapiRoutes);
  app.route('/v1/sites/:site', widgetRoutes);
  app.route('/v1/sites/:site', submissionRoutes);
  app.route('/v1/admin', adminSessionRoutes);
  app.route('/v1/admin', adminSubmissionRoutes);
  app.route('/v1/admin', adminMetricsRoutes);
  app.route('/v1/admin', adminWebhookRoutes);
  app.route('/v1/sites/:site', orderRoutes);
  app.route('/v1/sites/:site', caseRoutes);
  app.route('/v1/admin', adminCaseRoutes);
  app.route('/v1/admin', adminCaseLinkRoutes);
  app.route('/v1/admin', adminSettingsRoutes);
  app.route('/v1/admin', adminAuditRoutes);
  app.route('/v1/admin', adminDataRoutes);
  app.route('/v1/admin', adminRouterRoutes);
  app.route('/v1/admin', adminEmailRoutes);
  app.route('/v1/email', emailRoutes);
  app.route('/v1/sites/:site', photoRoutes);
  app.route('/v1/admin', adminPhotoRoutes);
  app.route('/v1/sites/:site', productRoutes);
  app.route('/v1/admin', adminProductRoutes);
  app.route('/v1/admin', adminImportRoutes);
  app.route('/v1/admin', adminFeedRoutes);
  app.route('/v1', feedRoutes);
  app.route('/v1/sites/:site', ratingRoutes);
  app.route('/v1/admin', adminOriginRoutes);

  app.all('/v1/*', (c) => problemResponse(404, 'not-found', `No endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`));
  app.on(['GET', 'HEAD'], '*', serveAsset);
  app.notFound(() => problemResponse(404, 'not-found', 'Nothing lives at this address.'));
  app.onError((err) => toProblemResponse(err));
  return app;
}

export type App = ReturnType<typeof buildApp>;
