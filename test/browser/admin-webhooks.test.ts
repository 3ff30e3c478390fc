/**
 * The webhook log on the settings page: a receiver that answers 410 Gone gets its endpoint
 * turned off and the delivery marked failed; once staff turn the endpoint on again, "Send again"
 * queues the failed delivery and the receiver gets it, signed with the same id.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser, watchErrors } from './browser.ts';
import { logIn, marker, submit } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');
const browser = useBrowser();

let server: Server;
let port = 0;
const seen: { id: string; body: string }[] = [];
let answer = 410;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push({ id: String(req.headers['webhook-id'] ?? ''), body: await read(req) });
    res.writeHead(answer).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

async function staff() {
  const res = await fetch(`${baseUrl}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token: staffToken }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

afterAll(async () => {
  // pk_demo is shared by every browser suite: leave its endpoint off.
  const call = await staff();
  await call('PUT', '/v1/admin/webhooks', { url: `http://127.0.0.1:${port}/hooks`, enabled: false });
  server.close();
});

describe('webhook deliveries in the console', () => {
  it('shows a delivery failed by 410 Gone, and sends it again from the settings page', { timeout: 90_000 }, async () => {
    const call = await staff();
    expect((await call('PUT', '/v1/admin/webhooks', { url: `http://127.0.0.1:${port}/hooks`, events: ['submission.created'], enabled: true })).status).toBeLessThan(300);
    const tag = marker('hook');
    await submit(baseUrl, siteId, { kind: 'story', body: `A story for the webhook ${tag}`, author: { name: 'Hook' } });
    await expect.poll(() => seen.some((s) => s.body.includes(tag)), { timeout: 30_000 }).toBe(true);
    const first = seen.find((s) => s.body.includes(tag));
    await expect
      .poll(async () => ((await (await call('GET', '/v1/admin/webhooks')).json()) as { enabled: boolean }).enabled, { timeout: 15_000 })
      .toBe(false);
    // Staff turn the endpoint on again; the receiver is back.
    answer = 204;
    await call('PUT', '/v1/admin/webhooks', { url: `http://127.0.0.1:${port}/hooks`, events: ['submission.created'], enabled: true });

    const context = await browser().newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);
    await page.goto(`${baseUrl}/admin/#/settings`);
    const view = page.locator('rb-admin-webhooks');
    const again = view.getByRole('button', { name: /^Send the submission.created delivery of .* again$/ }).first();
    await again.waitFor({ timeout: 15_000 });
    await again.click();
    await expect.poll(() => view.locator('.replay-notice[role="status"]').textContent()).toContain('Queued to be sent again.');
    expect(await view.locator('#replayed-row').textContent()).toContain('Queued to be sent again.');
    await expect.poll(() => seen.filter((s) => s.id === first?.id).length, { timeout: 30_000 }).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });
});
