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
import { adminSettingsRoutes } from './routes/admin-settings.ts';
import { adminAuditRoutes } from './routes/admin-audit.ts';
import { adminDataRoutes } from './routes/admin-data.ts';
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

  app.use(
    '/v1/*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'cross-origin',
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
    // GET and HEAD never read a body, and bodyLimit would rebuild one that came with a body
    // (Transfer-Encoding on a GET) into a Request the runtime refuses: a 500 (found by fuzzing).
    except(
      (c) => c.req.method === 'GET' || c.req.method === 'HEAD',
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
  app.use('/v1/sites/:site/reviews/:id/helpful', rateLimit(RATE_LIMITS.vote));
  app.use('/v1/sites/:site/cases/:ref/feedback', rateLimit(RATE_LIMITS.feedback));
  app.use('/v1/sites/:site/widget', rateLimit(RATE_LIMITS.bootstrap));
  app.use('/v1/sites/:site/reviews', rateLimit(RATE_LIMITS.read));
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
  app.route('/v1/admin', adminSettingsRoutes);
  app.route('/v1/admin', adminAuditRoutes);
  app.route('/v1/admin', adminDataRoutes);
  app.route('/v1/admin', adminOriginRoutes);

  app.all('/v1/*', (c) => problemResponse(404, 'not-found', `No endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`));
  app.on(['GET', 'HEAD'], '*', serveAsset);
  app.notFound(() => problemResponse(404, 'not-found', 'Nothing lives at this address.'));
  app.onError((err) => toProblemResponse(err));
  return app;
}

export type App = ReturnType<typeof buildApp>;
