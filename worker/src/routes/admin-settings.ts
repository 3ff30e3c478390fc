/**
 * `/v1/admin/settings`: the site's name, allowed origins and settings (brand, languages,
 * moderation mode, response-time promise, SLA...). A change is audited with the state before
 * and after, and refreshes the widget's cached bootstrap.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { SettingsInput, type AdminSettings } from '../../../shared/admin.ts';
import type { SiteSettings } from '../../../shared/site.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { insertAudit } from '../db/audit.ts';
import { bumpContentVersion, readSite, writeSiteConfig, type SiteRow } from '../db/sites.ts';
import { ProblemError } from '../lib/problem.ts';
import { normaliseOrigin } from '../lib/provision.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

/** Settings as staff may read them: the Turnstile secret is write-only. */
function withoutSecret(settings: SiteSettings): SiteSettings {
  const { turnstileSecretKey: _secret, ...rest } = settings;
  return rest;
}

function answer(site: Pick<SiteRow, 'id' | 'name' | 'origins' | 'settings'>): AdminSettings {
  return {
    site: { id: site.id, name: site.name },
    origins: site.origins,
    settings: withoutSecret(site.settings),
    turnstileSecretSet: Boolean(site.settings.turnstileSecretKey),
  };
}

/** What the audit log keeps of the settings: everything but the secret, and whether one is set. */
function audited(site: Pick<SiteRow, 'name' | 'origins' | 'settings'>) {
  return {
    name: site.name,
    origins: site.origins,
    settings: withoutSecret(site.settings),
    turnstileSecretSet: Boolean(site.settings.turnstileSecretKey),
  };
}

async function ownSite(db: D1Database, siteId: string): Promise<SiteRow> {
  const site = await readSite(db, siteId);
  // The session joins the site, so it exists; a site deleted under a live session is simply gone.
  if (!site) throw new ProblemError(404, 'site-not-found', 'This site no longer exists.');
  return site;
}

export const adminSettingsRoutes = new Hono<AppEnv>()
  .use('/settings', refuseCrossSite, requireStaff)
  .get('/settings', async function readSettings(c) {
    return c.json(answer(await ownSite(c.env.DB, c.get('staff').siteId)));
  })
  .put('/settings', requireJson, valid('json', SettingsInput), async function writeSettings(c) {
    const input = c.req.valid('json');
    const staff = c.get('staff');
    const db = c.env.DB;
    const errors: FieldError[] = [];
    const origins: string[] = [];
    input.origins?.forEach((value, index) => {
      const origin = normaliseOrigin(value.trim());
      if (!origin) errors.push({ path: `origins.${index}`, code: 'invalid_origin', message: 'must be scheme://host[:port], nothing after' });
      else if (!origins.includes(origin)) origins.push(origin);
    });

    const current = await ownSite(db, staff.siteId);
    const keptSecret = input.settings.turnstileSiteKey ? current.settings.turnstileSecretKey : undefined;
    const settings: SiteSettings = { ...input.settings, turnstileSecretKey: input.settings.turnstileSecretKey ?? keptSecret };
    if (settings.turnstileSecretKey === undefined) delete settings.turnstileSecretKey;
    // A site key alone would make the widget ask for a check the worker cannot verify, so every
    // submission would be refused: say so now rather than lose the shoppers' messages later.
    if (settings.turnstileSiteKey && !settings.turnstileSecretKey) {
      errors.push({ path: 'settings.turnstileSecretKey', code: 'turnstile_secret_required', message: 'is required with a Turnstile site key' });
    }
    if (errors.length > 0) throw new ProblemError(422, 'validation', 'The request has invalid fields.', errors);
    const next = { id: current.id, name: input.name ?? current.name, origins: input.origins ? origins : current.origins, settings };
    await db.batch([
      writeSiteConfig(db, current.id, next),
      insertAudit(db, {
        siteId: current.id,
        actor: staff.staffId,
        action: 'settings.update',
        target: current.id,
        before: audited(current),
        after: audited(next),
        createdAt: c.get('now'),
      }),
      bumpContentVersion(db, current.id),
    ]);
    return c.json(answer(next));
  });
