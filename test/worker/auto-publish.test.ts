/**
 * Auto-publish as a merchant meets it: switched on from the settings API with every other setting
 * at its default, a clean review from a shopper without an order link goes public at once; the
 * merchant's "hold unverified reviews" keeps such reviews for staff. The rating never decides.
 */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AdminSettings } from '../../shared/admin.ts';
import { FLAGS, WidgetBootstrap } from '../../shared/site.ts';
import { SubmissionCreated } from '../../shared/submission.ts';
import { BASE, createSite, jsonRequest, login, staffRequest, type TestSite } from './helpers.ts';

let sent = 0;
async function submitReview(site: TestSite, rating: number, body: string) {
  sent += 1;
  const res = await SELF.fetch(
    jsonRequest(
      'POST',
      `/v1/sites/${site.publicKey}/submissions`,
      { kind: 'review', subject: 'sku-auto', rating, body, author: { name: 'Mina' } },
      { 'idempotency-key': `auto-${crypto.randomUUID()}`, 'cf-connecting-ip': `10.77.${sent >> 8}.${sent & 255}` },
    ),
  );
  expect(res.status).toBe(201);
  return SubmissionCreated.parse(await res.json());
}

/** Saves the settings page's current values with `change` applied, as the console does. */
async function saveSettings(site: TestSite, change: Record<string, unknown>) {
  const cookie = await login(site);
  const current = AdminSettings.parse(await (await SELF.fetch(staffRequest('GET', '/v1/admin/settings', cookie))).json());
  const res = await SELF.fetch(staffRequest('PUT', '/v1/admin/settings', cookie, { settings: { ...current.settings, ...change } }));
  expect(res.status).toBe(200);
  return AdminSettings.parse(await res.json());
}

async function publicIds(site: TestSite): Promise<string[]> {
  const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/widget?subject=sku-auto`, { headers: { origin: site.origin } });
  return WidgetBootstrap.parse(await res.json()).reviews.items.map((r) => r.id);
}

describe('auto-publish and reviews without an order link', () => {
  it('publishes a clean unlinked review once auto-publish is on, with every other setting at its default', async () => {
    const site = await createSite();
    const saved = await saveSettings(site, { moderation: 'auto' });
    expect(saved.settings.holdUnverified).toBe(false);
    const answer = await submitReview(site, 4, 'Arrived quickly and works as described.');
    expect(answer.status).toBe('published');
    expect(await publicIds(site)).toContain(answer.id);
    const row = await env.DB.prepare('SELECT flags FROM submissions WHERE id = ?1').bind(answer.id).first<{ flags: string }>();
    // Staff still see why it could have been held.
    expect(JSON.parse(row?.flags ?? '[]')).toContain('unverified');
  });

  it('publishes a clean 1-star unlinked review the same way: the rating never holds it', async () => {
    const site = await createSite();
    await saveSettings(site, { moderation: 'auto' });
    const answer = await submitReview(site, 1, 'The handle came loose after two days.');
    expect(answer.status).toBe('published');
    expect(await publicIds(site)).toContain(answer.id);
  });

  it('holds a clean unlinked review for staff when the merchant holds unverified reviews', async () => {
    const site = await createSite();
    await saveSettings(site, { moderation: 'auto', holdUnverified: true });
    const answer = await submitReview(site, 5, 'Arrived quickly and works as described.');
    expect(answer.status).toBe('pending');
    expect(await publicIds(site)).not.toContain(answer.id);
  });

  it('publishes under a flag list saved before the setting existed, which named unverified', async () => {
    const site = await createSite({ settings: { moderation: 'auto', holdFlags: [...FLAGS] } });
    const answer = await submitReview(site, 3, 'Does the job, nothing special about it.');
    expect(answer.status).toBe('published');
  });

  it('keeps everything pending under pre-moderation, the default', async () => {
    const site = await createSite();
    await saveSettings(site, {});
    expect((await submitReview(site, 5, 'Arrived quickly and works as described.')).status).toBe('pending');
  });
});
