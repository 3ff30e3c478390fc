/**
 * Fixtures of the widget's browser tests: merchant pages that are not the demo, served for
 * `http://merchant.test/...` through Playwright routing (so the widget runs cross-origin against
 * the real `wrangler dev`), and the staff API read from Node with a real staff session.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AdminSubmissionsPage } from '../../shared/admin.ts';
import { SubmissionCreated, type SubmissionInput } from '../../shared/submission.ts';
import { watchErrors } from './browser.ts';

export interface MerchantPage {
  /** The element's attributes, e.g. `{ subject: 'sku-1', lang: 'fa' }`. */
  attrs?: Record<string, string>;
  /** `<html lang>` and `dir`. */
  lang?: 'en' | 'fa';
  /** Extra markup in <head> (styles) or at the end of <body>. */
  head?: string;
  body?: string;
  /** A Content-Security-Policy header for the page; `{nonce}` is replaced by the script's nonce. */
  csp?: string;
  /** Leave the element out of the page (a single-page app inserts it later). */
  noElement?: boolean;
}

const NONCE = 'rb-test-nonce-1234';

export function merchantHtml(baseUrl: string, siteId: string, p: MerchantPage): string {
  const attrs = Object.entries(p.attrs ?? {})
    .map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`)
    .join('');
  return `<!doctype html>
<html lang="${p.lang ?? 'en'}" dir="${p.lang === 'fa' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8"><title>Merchant test page</title>
<script type="module" nonce="${NONCE}" src="${baseUrl}/widget.js" data-site="${siteId}" async></script>
${p.head ?? ''}
</head>
<body>
<main><h1>A product that is not the demo</h1>
${p.noElement ? '' : `<rb-feedback${attrs}></rb-feedback>`}
<p id="below">Content below the widget.</p>
</main>
${p.body ?? ''}
</body>
</html>`;
}

/** Serves `http://merchant.test/<path>` with the page's HTML (and its CSP, if any). */
export async function serveMerchant(context: BrowserContext, merchantOrigin: string, path: string, html: string, csp?: string): Promise<string> {
  const url = `${merchantOrigin}${path}`;
  await context.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: csp ? { 'Content-Security-Policy': csp.replaceAll('{nonce}', NONCE) } : {},
      body: html,
    }),
  );
  return url;
}

/** A fresh context and page with console errors collected. */
export async function openPage(browser: Browser, options: { colorScheme?: 'light' | 'dark' } = {}) {
  // A network of its own per context: the API's rate limits tell shoppers apart by network, and
  // every test browser connects from 127.0.0.1 (wrangler dev keeps a CF-Connecting-IP it is sent).
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 900, height: 1000 },
    extraHTTPHeaders: { 'cf-connecting-ip': shopperIp() },
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/** Waits for the widget's first render (the summary or the empty state is shown) and for its lazy chunk (tabs). */
export async function widgetReady(page: Page, selector = 'rb-feedback'): Promise<void> {
  try {
    // The summary, or (no reviews yet) the invitation to write the first one.
    await page.locator(`${selector} [part="summary"], ${selector} [part="empty"]`).first().waitFor({ timeout: 20_000 });
    await page.locator(`${selector} [role="tab"]`).first().waitFor({ timeout: 20_000 });
  } catch (err) {
    // Say what the widget shows instead, so a failure explains itself.
    const shown = await page.evaluate((sel) => document.querySelector(sel)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? 'no shadow root', selector);
    throw new Error(`widget not ready; it shows: ${shown}`, { cause: err });
  }
}

/** A made-up client address (benchmarking range), so each test shopper is a network of its own. */
export function shopperIp(): string {
  const [a = 0, b = 0] = crypto.getRandomValues(new Uint8Array(2));
  return `198.18.${a}.${b}`;
}

/** Posts a submission to the API from Node, as a distinct shopper on an allowed origin. */
export async function submitFromNode(baseUrl: string, siteId: string, body: SubmissionInput): Promise<SubmissionCreated> {
  const res = await fetch(`${baseUrl}/v1/sites/${siteId}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'idempotency-key': randomUUID(), 'cf-connecting-ip': shopperIp() },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (res.status !== 201) throw new Error(`submission refused: ${res.status} ${JSON.stringify(json)}`);
  return SubmissionCreated.parse(json);
}

/** A short marker that ties a test's submissions together, so staff searches see only them. */
export function marker(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

/** A staff session from Node: logs in with the token and returns a reader of the staff API. */
export async function staffApi(baseUrl: string, token: string) {
  const res = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 201) throw new Error(`staff login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin' };
  return {
    async submissions(query: string): Promise<AdminSubmissionsPage> {
      const r = await fetch(`${baseUrl}/v1/admin/submissions?${query}`, { headers });
      if (!r.ok) throw new Error(`staff list failed: ${r.status} ${await r.text()}`);
      return AdminSubmissionsPage.parse(await r.json());
    },
    async settings(): Promise<{ origins: string[]; settings: Record<string, unknown> }> {
      const r = await fetch(`${baseUrl}/v1/admin/settings`, { headers });
      if (!r.ok) throw new Error(`settings failed: ${r.status} ${await r.text()}`);
      const json = (await r.json()) as { origins: string[]; settings: Record<string, unknown> };
      return { origins: json.origins, settings: json.settings };
    },
    async putSettings(body: { origins: string[]; settings: Record<string, unknown> }): Promise<void> {
      const r = await fetch(`${baseUrl}/v1/admin/settings`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`settings update failed: ${r.status} ${await r.text()}`);
    },
    async approve(id: string): Promise<void> {
      const r = await fetch(`${baseUrl}/v1/admin/submissions/${id}/decision`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
      });
      if (!r.ok) throw new Error(`approve failed: ${r.status} ${await r.text()}`);
    },
  };
}
