/**
 * `<rb-stars>` on a listing page: 24 badges are filled by exactly one ratings request, show the
 * right values with the right accessible names in English and Persian, and move nothing on the
 * page (layout shift 0) when the page reserves their documented size.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser.ts';
import { marker, openPage, serveMerchant } from './widget-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');
const merchantOrigin = inject('merchantOrigin');

const browser = useBrowser();

/** Imports reviews as the console does (generic format), from Node with a staff session. */
async function importReviews(csv: string): Promise<void> {
  const login = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const headers = { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin' };
  const started = await fetch(`${baseUrl}/v1/admin/imports?source=generic`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: csv });
  if (!started.ok) throw new Error(`import refused: ${started.status} ${await started.text()}`);
  let job = ((await started.json()) as { import: { id: string; status: string } }).import;
  while (job.status === 'running') {
    job = ((await (await fetch(`${baseUrl}/v1/admin/imports/${job.id}/run`, { method: 'POST', headers })).json()) as { import: typeof job }).import;
  }
}

function recordShifts() {
  const shifts: { value: number; nodes: string[] }[] = [];
  Object.assign(window, { __shifts: shifts });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node | null }[] })[]) {
      shifts.push({ value: e.value, nodes: (e.sources ?? []).map((s) => (s.node instanceof Element ? s.node.outerHTML.slice(0, 80) : String(s.node?.nodeName))) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

describe('<rb-stars> on a listing page', () => {
  it('fills 24 badges with one request, with accessible names in en and fa, and no layout shift', async () => {
    const tag = marker('list');
    const [a, b] = [`${tag}-a`, `${tag}-b`];
    await importReviews(
      ['id,subject,rating,body,name,date', `${tag}1,${a},5,Great,A,2024-01-01`, `${tag}2,${a},4,Good,B,2024-01-02`, `${tag}3,${b},3,Fine,C,2024-01-03`].join('\n') + '\n',
    );
    const subjects = [a, b, ...Array.from({ length: 22 }, (_, i) => `${tag}-none-${i}`)];
    const card = (s: string, i: number) => `<li><h2>Product ${i}</h2><rb-stars subject="${s}"></rb-stars><span class="after">after ${i}</span><p>Price</p></li>`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Category</title>
<script type="module" src="${baseUrl}/stars.js" data-site="${siteId}" async></script>
<style>rb-stars { display: inline-block; inline-size: 8em; block-size: 1.25em; } ul { display: grid; grid-template-columns: repeat(4, 12em); gap: 1em; list-style: none; padding: 0 }</style>
</head><body><h1>Category</h1>
<ul>${subjects.slice(0, 20).map(card).join('')}</ul>
<section lang="fa" dir="rtl"><ul>${subjects.slice(20).map((s, i) => card(s, i + 20)).join('')}<li><rb-stars subject="${a}"></rb-stars></li></ul></section>
<p id="below">Below the list.</p></body></html>`;

    const { context, page, errors } = await openPage(browser());
    await page.addInitScript(recordShifts);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/ratings')) requests.push(r.url());
    });
    const url = await serveMerchant(context, merchantOrigin, `/category-${tag}`, html);
    await page.goto(url);
    const label = (s: string, nth = 0) => page.locator(`rb-stars[subject="${s}"]`).nth(nth).locator('[part="base"]').getAttribute('aria-label');
    await expect.poll(() => label(a), { timeout: 20_000 }).toBe('4.5 out of 5, 2 reviews');
    expect(await label(b)).toBe('3.0 out of 5, 1 review');
    expect(await label(`${tag}-none-0`)).toBe('No reviews yet');
    // The same product inside a Persian section: Persian words and digits.
    expect(await label(a, 1)).toBe('۴٫۵ از ۵، ۲ نظر');
    expect(await page.locator(`rb-stars[subject="${a}"]`).first().locator('[part="count"]').textContent()).toBe('(2)');
    expect(await page.locator('rb-stars').count()).toBe(25);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200)))));

    expect(requests).toHaveLength(1);
    expect(new URL(requests[0] ?? '').searchParams.get('subjects')?.split(',')).toHaveLength(24);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: unknown[] }).__shifts);
    expect(shifts).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
