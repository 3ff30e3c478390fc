/**
 * From an email to a verified review, on a real `wrangler dev`: the merchant registers an order
 * delivered 30 days ago, the cron runs, the simulated `send_email` binding writes the review
 * request to disk (wrangler dev keeps each sent message's parts under
 * `.wrangler/tmp/email/<session>/email-{html,text}/<Message-ID>.*`); the test reads that file,
 * follows its link in Chromium to the shop page, writes the review in the widget, and staff see
 * it marked as from a verified buyer. The headers, which the files do not hold, are read from
 * wrangler dev's local explorer API, which keeps every message the binding accepted.
 */
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { AdminEmailsPage } from '../../shared/email.ts';
import { useBrowser, watchErrors } from './browser.ts';
import { logIn, marker, staffList } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const staffToken = inject('staffToken');
const secretKey = inject('secretKey');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DAY = 86_400_000;

const browser = useBrowser();

/** The simulated message's part, wherever this wrangler dev session wrote it. */
async function sentPart(messageId: string, part: 'email-html' | 'email-text', ext: 'html' | 'txt'): Promise<string | null> {
  const id = messageId.replace(/^<|>$/g, '');
  const roots = [join(ROOT, '.wrangler', 'tmp', 'email'), tmpdir()];
  for (const root of roots) {
    const sessions = await readdir(root).catch(() => [] as string[]);
    for (const session of sessions) {
      for (const dir of [join(root, session, part), join(root, session, 'email', part)]) {
        const text = await readFile(join(dir, `${id}.${ext}`), 'utf8').catch(() => null);
        if (text !== null) return text;
      }
    }
  }
  return null;
}

describe('review request by email', () => {
  it('follows the link in the sent email to a verified review', async () => {
    expect(secretKey).toMatch(/^sk_/);
    const tag = marker('mail');
    const email = `${tag}@example.com`;
    const now = Date.now();
    const order = await fetch(`${baseUrl}/v1/sites/pk_demo/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secretKey}` },
      body: JSON.stringify({
        orderId: tag,
        customer: { name: 'Parisa', email },
        items: [{ subject: 'sku-kettle-01', name: 'Nimbus Kettle', reviewUrl: `${baseUrl}/demo/` }],
        purchasedAt: new Date(now - 33 * DAY).toISOString(),
        deliveredAt: new Date(now - 30 * DAY).toISOString(),
        lang: 'en',
      }),
    });
    expect(order.status).toBe(201);
    // The cron, as wrangler dev runs it on its timer.
    expect((await fetch(`${baseUrl}/__scheduled?cron=*/5+*+*+*+*`)).ok).toBe(true);

    const staff = await (await browser().newContext()).newPage();
    await logIn(staff, baseUrl, staffToken);
    let messageId: string | null = null;
    await expect
      .poll(
        async () => {
          const json: unknown = await staff.evaluate(async () => (await fetch('/v1/admin/emails?status=sent&limit=50', { credentials: 'same-origin' })).json());
          const sent = AdminEmailsPage.parse(json).items.find((e) => e.to === email && e.kind === 'review.request');
          messageId = sent?.messageId ?? null;
          return messageId;
        },
        { timeout: 30_000 },
      )
      .toBeTruthy();

    let html: string | null = null;
    await expect.poll(async () => (html = await sentPart(messageId ?? '', 'email-html', 'html')), { timeout: 10_000 }).toBeTruthy();
    const text = await sentPart(messageId ?? '', 'email-text', 'txt');
    expect(html).toContain('<html lang="en" dir="ltr">');
    const link = [...(html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&')).find((l) => l.includes('rb_order='));
    expect(link).toBeTruthy();
    expect(text).toContain(link);
    expect(html).toContain('/v1/email/unsubscribe?');

    // The headers as the binding received them, from wrangler dev's local explorer (the files
    // hold only the parts): the site's name as sender and RFC 8058 one-click unsubscribe.
    const captured = await fetch(`${baseUrl}/cdn-cgi/explorer/api/local/email/sending?email_id=${encodeURIComponent(messageId ?? '')}`);
    expect(captured.status).toBe(200);
    const { result } = (await captured.json()) as { result: { from: string; subject: string; headers?: Record<string, string> } };
    expect(result.from).toContain('Demo Shop');
    expect(result.subject).toBe('How was your order from Demo Shop?');
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['list-unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/v1\/email\/unsubscribe\?t=/);

    // The customer follows the link: the widget opens on the review form.
    const shopper = await (await browser().newContext()).newPage();
    const errors = watchErrors(shopper);
    await shopper.goto(link ?? '');
    const widget = shopper.locator('rb-feedback');
    await widget.locator('label[for="r-4"]').click();
    await widget.getByLabel('Your review').fill(`${tag} arrived late but works well`);
    await widget.getByLabel('Your name').fill('Parisa');
    const answer = shopper.waitForResponse((r) => r.url().endsWith('/v1/sites/pk_demo/submissions') && r.request().method() === 'POST');
    await widget.getByRole('button', { name: 'Send' }).click();
    expect((await answer).status()).toBe(201);
    await widget.locator('[part="confirmation"]').waitFor();
    expect(errors).toEqual([]);

    await expect.poll(async () => (await staffList(staff, `status=pending&q=${tag}`)).items.map((i) => i.verified), { timeout: 15_000 }).toEqual([true]);
    // Nothing more goes to a customer who wrote: the reminder is cancelled when it falls due.
  });
});
