/**
 * Turnstile in the shopper widget: a site with a Turnstile site key gets a challenge in its
 * forms, the token travels as `meta.turnstile`, a refused token is reset and the shopper can send
 * again, and an outbox entry whose token expired is kept and sent with a fresh one.
 *
 * No network at test time: Cloudflare's api.js is a stand-in served through Playwright, and the
 * submissions endpoint is answered by the test. The worker would verify the token with
 * siteverify on the network (worker/src/lib/turnstile.ts uses the global fetch), so its side is
 * tested in workerd (test/security/abuse.test.ts) and here we only check what the widget sends.
 */
import type { Browser, BrowserContext, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SubmissionInput } from '../../shared/submission.ts';
import { launch, watchCspViolations } from './browser.ts';
import { merchantHtml, openPage, serveMerchant, staffApi, widgetReady } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const merchantOrigin = inject('merchantOrigin');
const staffToken = inject('staffToken');
const API_JS = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
// Cloudflare's documented test keys: a site key that always passes and its secret.
const SITE_KEY = '1x00000000000000000000AA';
const SECRET = '1x0000000000000000000000000000000AA';

/**
 * Stands in for Cloudflare's api.js: records each render, answers a token a moment after each
 * render or reset (tok-1, tok-2, ...), and draws a box so the challenge is visible.
 */
const FAKE_TURNSTILE = `(() => {
  let tokens = 0;
  const widgets = new Map();
  const log = (window.__turnstile = { renders: [], resets: 0, removes: 0 });
  const issue = (id) => setTimeout(() => { const w = widgets.get(id); if (w) w.callback('tok-' + ++tokens); }, 600);
  window.turnstile = {
    render(el, options) {
      const id = 'w' + (widgets.size + log.removes + 1);
      log.renders.push({ sitekey: options.sitekey, language: options.language, inShadowRoot: el.getRootNode() instanceof ShadowRoot });
      const box = document.createElement('div');
      box.className = 'fake-turnstile';
      box.textContent = 'Fake challenge';
      el.append(box);
      widgets.set(id, { el, callback: options.callback });
      issue(id);
      return id;
    },
    reset(id) { log.resets++; issue(id); },
    remove(id) { log.removes++; widgets.get(id)?.el.replaceChildren(); widgets.delete(id); },
  };
})();`;

interface Seen {
  scriptLoads: number;
  posts: { key: string | null; body: SubmissionInput }[];
}

/** Serves the stand-in api.js and answers the submissions endpoint from `answers`, in order. */
async function fakeCloudflareAndApi(context: BrowserContext, answers: { status: number; body: unknown }[]): Promise<Seen> {
  const seen: Seen = { scriptLoads: 0, posts: [] };
  await context.route(
    (url) => url.href === API_JS,
    (route) => {
      seen.scriptLoads++;
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: FAKE_TURNSTILE });
    },
  );
  const cors = { 'access-control-allow-origin': merchantOrigin, 'access-control-allow-headers': 'content-type, idempotency-key', 'access-control-allow-methods': 'POST' };
  await context.route(`${baseUrl}/v1/sites/${siteId}/submissions`, async (route: Route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const body: SubmissionInput = request.postDataJSON();
    seen.posts.push({ key: request.headers()['idempotency-key'] ?? null, body });
    const answer = answers.shift() ?? { status: 500, body: null };
    return route.fulfill({
      status: answer.status,
      headers: { ...cors, 'content-type': answer.status < 300 ? 'application/json' : 'application/problem+json' },
      body: JSON.stringify(answer.body),
    });
  });
  return seen;
}

const refused = { type: 'urn:rebound:problem:turnstile-failed', title: 'Forbidden', status: 403, detail: 'The anti-bot check failed (timeout-or-duplicate); try again.' };
const created = (id: string) => ({ id, kind: 'review', status: 'pending' });

let browser: Browser;
let staff: Awaited<ReturnType<typeof staffApi>>;
let original: Awaited<ReturnType<Awaited<ReturnType<typeof staffApi>>['settings']>>;

beforeAll(async () => {
  browser = await launch();
  staff = await staffApi(baseUrl, staffToken);
  original = await staff.settings();
});
afterAll(async () => {
  // Other browser tests expect the demo site without Turnstile.
  if (original) await staff.putSettings(original);
  await browser?.close();
});

describe('widget without a Turnstile site key', () => {
  it('renders no challenge, loads nothing from Cloudflare and sends no token', async () => {
    expect(original.settings.turnstileSiteKey).toBeUndefined();
    const { context, page, errors } = await openPage(browser);
    const seen = await fakeCloudflareAndApi(context, [{ status: 201, body: created('sub_plain') }]);
    const url = await serveMerchant(context, merchantOrigin, '/no-turnstile', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-turnstile' } }));
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    await widget.getByRole('tab', { name: 'Tell a story' }).click();
    await widget.getByLabel('Your story').fill('No challenge here');
    await widget.getByLabel('Your name').fill('Parisa');
    expect(await widget.locator('[part="challenge"]').count()).toBe(0);
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.locator('[part="confirmation"]').waitFor();
    expect(seen.scriptLoads).toBe(0);
    expect(seen.posts).toHaveLength(1);
    expect(seen.posts[0]?.body.meta?.turnstile).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('widget with a Turnstile site key', () => {
  beforeAll(async () => {
    await staff.putSettings({ origins: original.origins, settings: { ...original.settings, turnstileSiteKey: SITE_KEY, turnstileSecretKey: SECRET } });
  });

  it('waits for a token, sends it, and after a refused token resets the challenge so a second send succeeds', async () => {
    const { context, page, errors } = await openPage(browser);
    const seen = await fakeCloudflareAndApi(context, [
      { status: 403, body: refused },
      { status: 201, body: created('sub_second') },
    ]);
    const url = await serveMerchant(context, merchantOrigin, '/turnstile', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-turnstile' } }));
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    await widget.getByRole('tab', { name: 'Write a review' }).click();
    const send = widget.locator('[part="send"]');
    await widget.locator('.fake-turnstile').waitFor();
    // The stand-in answers after 600 ms: until then the shopper is told why Send waits.
    expect(await widget.getByText('Checking you are human…').isVisible()).toBe(true);
    expect(await send.isDisabled()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __turnstile: { renders: unknown[] } }).__turnstile.renders)).toEqual([
      { sitekey: SITE_KEY, language: 'en', inShadowRoot: true },
    ]);

    await widget.locator('label[for="r-4"]').click();
    await widget.getByLabel('Your review').fill('Brews fast and quietly');
    await widget.getByLabel('Your name').fill('Darya');
    await expect.poll(() => send.isEnabled()).toBe(true);
    expect(await widget.getByText('Checking you are human…').count()).toBe(0);
    await send.click();
    await expect.poll(() => widget.locator('[role="alert"]').first().innerText().catch(() => '')).toContain('We could not confirm you are human');
    expect(seen.posts.map((p) => p.body.meta?.turnstile)).toEqual(['tok-1']);
    expect(await page.evaluate(() => (window as unknown as { __turnstile: { resets: number } }).__turnstile.resets)).toBe(1);
    // The refused message is not kept for a background retry: the shopper sends it again.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rb-outbox:')))).toEqual([]);

    await expect.poll(() => send.isEnabled()).toBe(true);
    await send.click();
    await widget.locator('[part="confirmation"]').waitFor();
    expect(seen.posts.map((p) => p.body.meta?.turnstile)).toEqual(['tok-1', 'tok-2']);
    expect(seen.posts[1]?.body).toMatchObject({ kind: 'review', rating: 4, body: 'Brews fast and quietly' });

    // Another review: a fresh challenge in the new form, from the script already on the page.
    await widget.getByRole('button', { name: 'Send another' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __turnstile: { renders: unknown[] } }).__turnstile.renders.length)).toBe(2);
    expect(seen.scriptLoads).toBe(1);
    expect(errors.filter((e) => !/403/.test(e))).toEqual([]);
    await context.close();
  });

  it('keeps an outbox entry whose token expired and sends it with the next fresh token, once a form is open', async () => {
    const { context, page, errors } = await openPage(browser);
    const seen = await fakeCloudflareAndApi(context, [
      { status: 403, body: refused },
      { status: 201, body: created('sub_saved') },
    ]);
    const saved: SubmissionInput = { kind: 'story', subject: 'sku-turnstile', body: 'Written on a train, sent much later', author: { name: 'Kian' }, meta: { turnstile: 'expired' } };
    await page.addInitScript(
      ([key, entry]) => {
        if (!localStorage.getItem(key)) localStorage.setItem(key, entry);
      },
      [`rb-outbox:${siteId}`, JSON.stringify([{ key: 'saved-key-1234567890ab', body: saved, attempts: 1, nextAt: 0 }])],
    );
    const url = await serveMerchant(context, merchantOrigin, '/turnstile-outbox', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-turnstile' } }));
    await page.goto(url);
    await widgetReady(page);
    // The background flush sends it with its old token and is refused: kept, flagged, not dropped.
    await expect.poll(() => seen.posts.length, { timeout: 10_000 }).toBe(1);
    const outbox = () => page.evaluate((key) => localStorage.getItem(key), `rb-outbox:${siteId}`);
    await expect.poll(outbox).toContain('"challenge":true');

    const widget = page.locator('rb-feedback');
    await expect.poll(() => widget.locator('.status').innerText()).toContain('Open one of the forms below to send it');
    await widget.getByRole('tab', { name: 'Write a review' }).click();
    await expect.poll(outbox).toBeNull();
    await expect.poll(() => widget.locator('.status').innerText()).toContain('Your earlier message has been sent');
    expect(seen.posts.map((p) => [p.key, p.body.meta?.turnstile])).toEqual([
      ['saved-key-1234567890ab', 'expired'],
      ['saved-key-1234567890ab', 'tok-1'],
    ]);
    expect(seen.posts[1]?.body).toMatchObject({ kind: 'story', body: 'Written on a train, sent much later' });
    // The next token is the form's own.
    await expect.poll(() => widget.locator('[part="send"]').isEnabled()).toBe(true);
    expect(errors.filter((e) => !/403/.test(e))).toEqual([]);
    await context.close();
  });

  it('loads Cloudflare\'s script through its own Trusted Types policy on a page that enforces them', async () => {
    const { context, page, errors } = await openPage(browser);
    await fakeCloudflareAndApi(context, []);
    const csp = [
      "default-src 'none'",
      "script-src 'nonce-{nonce}' 'strict-dynamic' https://challenges.cloudflare.com",
      'frame-src https://challenges.cloudflare.com',
      `connect-src ${baseUrl}`,
      "require-trusted-types-for 'script'",
      'trusted-types lit-html rebound-turnstile',
    ].join('; ');
    const url = await serveMerchant(context, merchantOrigin, '/turnstile-tt', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-turnstile' } }), csp);
    const violations = await watchCspViolations(page);
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    await widget.getByRole('tab', { name: 'Tell a story' }).click();
    await widget.locator('.fake-turnstile').waitFor();
    await expect.poll(() => widget.locator('[part="send"]').isEnabled()).toBe(true);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tries Cloudflare\'s script again when the browser is back online after it failed to load', async () => {
    const { context, page, errors } = await openPage(browser);
    const seen = await fakeCloudflareAndApi(context, []);
    let failures = 0;
    // Registered last, so asked first: the first load fails as it would offline.
    await context.route(
      (url) => url.href === API_JS,
      (route) => (failures++ === 0 ? route.abort('internetdisconnected') : route.fallback()),
    );
    const url = await serveMerchant(context, merchantOrigin, '/turnstile-retry', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-turnstile' } }));
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    await widget.getByRole('tab', { name: 'Tell a story' }).click();
    await expect.poll(() => failures).toBe(1);
    // Without the script the shopper is not kept waiting: Send saves the message for later.
    await expect.poll(() => widget.locator('[part="send"]').isEnabled()).toBe(true);
    expect(await widget.locator('.fake-turnstile').count()).toBe(0);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await widget.locator('.fake-turnstile').waitFor();
    expect(seen.scriptLoads).toBe(1);
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('draws the challenge again in Persian when the widget\'s language changes with a form open', async () => {
    const { context, page, errors } = await openPage(browser);
    await fakeCloudflareAndApi(context, []);
    const url = await serveMerchant(context, merchantOrigin, '/turnstile-lang', merchantHtml(baseUrl, siteId, { attrs: { subject: 'sku-turnstile' } }));
    await page.goto(url);
    await widgetReady(page);
    const widget = page.locator('rb-feedback');
    await widget.getByRole('tab', { name: 'Tell a story' }).click();
    await widget.locator('.fake-turnstile').waitFor();
    await widget.evaluate((el) => el.setAttribute('lang', 'fa'));
    const log = () => page.evaluate(() => (window as unknown as { __turnstile: { renders: { language: string }[]; removes: number } }).__turnstile);
    await expect.poll(async () => (await log()).renders.map((r) => r.language)).toEqual(['en', 'fa']);
    expect((await log()).removes).toBe(1);
    expect(await widget.locator('.fake-turnstile').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
