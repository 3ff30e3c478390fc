/**
 * Webhooks cannot reach private networks: every private, local or oddly spelled target is
 * refused when staff save it (422, nothing written) and again at delivery (recorded, never
 * fetched), with the app configured as production (no ALLOW_LOCAL_WEBHOOKS).
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { upsertEndpoint, webhookEvent } from '../../worker/src/db/webhooks.ts';
import { processJob } from '../../worker/src/queue/deliver-webhook.ts';
import { createSite, login, productionEnv, productionFetch, staffRequest } from '../worker/helpers.ts';
import { REFUSED_WEBHOOK_URLS } from './private-targets.ts';
import { changed, rowCounts } from './rows.ts';

describe('webhook targets', { timeout: 120_000 }, () => {
  it('refuses every private-address form at save time with 422 and writes nothing', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const before = await rowCounts();
    const answers: { url: string; status: number; code?: string }[] = [];
    for (const [url] of REFUSED_WEBHOOK_URLS) {
      const res = await productionFetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url }));
      const body = (await res.json()) as { errors?: { path: string; code: string }[] };
      answers.push({ url, status: res.status, code: body.errors?.[0]?.code });
    }
    const accepted = answers.filter((a) => a.status < 400 || a.status >= 500);
    expect(accepted).toEqual([]);
    // Each is refused for the field `url`, as a 422, or a 422 from the URL schema itself.
    expect(answers.filter((a) => a.status !== 422)).toEqual([]);
    expect(changed(before, await rowCounts())).toEqual({});
    console.log(`WEBHOOK TARGET FIGURES: ${answers.length} private/local forms tried at save, ${accepted.length} accepted`);
  });

  it('refuses every private-address form again at delivery: recorded as failed, never fetched', async () => {
    const site = await createSite();
    const fetched: string[] = [];
    const fetcher = async (req: Request) => {
      fetched.push(req.url);
      return new Response('ok');
    };
    const production = productionEnv();
    let refused = 0;
    for (const [url] of REFUSED_WEBHOOK_URLS) {
      // As if saved before the rule existed, or written by hand.
      await upsertEndpoint(env.DB, { siteId: site.publicKey, url, secret: `whsec_${btoa('x'.repeat(24))}`, events: [], enabled: true, at: Date.now() }).run();
      const pending = webhookEvent(env.DB, site.publicKey, 'case.opened', { ref: 'RB-SSRF' }, Date.now());
      await pending.statement.run();
      const result = await processJob(production, { v: 1, type: 'deliver-webhook', deliveryId: pending.id, siteId: site.publicKey }, 1, Date.now(), fetcher);
      expect(result, url).toEqual({ outcome: 'refused' });
      const row = await env.DB.prepare('SELECT status, last_error FROM webhook_deliveries WHERE id = ?1').bind(pending.id).first<{ status: string; last_error: string }>();
      expect(row?.status).toBe('failed');
      expect(row?.last_error).toMatch(/^refused: /);
      refused += 1;
    }
    expect(fetched).toEqual([]);
    console.log(`WEBHOOK TARGET FIGURES: ${REFUSED_WEBHOOK_URLS.length} private/local forms at delivery, ${refused} refused and recorded, ${fetched.length} fetched`);
  });
});
