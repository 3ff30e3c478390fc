// Takes the README's screenshots of the widget on the demo shop: English and Persian, light and
// dark, into docs/screenshots/. Runs its own `wrangler dev` on a throwaway database, publishes a
// few sample reviews through the real API and staff API, then photographs the element.
//   npm run build && node scripts/screenshots.mjs
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, migrate, seedDemo, startWorker } from './dev-server.mjs';

const SAMPLES = [
  { rating: 5, title: 'Quiet and quick', body: 'Boils a full litre in under three minutes, and the temperature dial is spot on for green tea.', name: 'Sara K.' },
  { rating: 4, title: 'کتری خوش‌دست', body: 'دستهٔ خوبی دارد و زود جوش می‌آید؛ فقط درش کمی سفت است.', name: 'رضا' },
  { rating: 2, title: 'Lid came loose', body: 'Works well, but the lid hinge loosened after a month.', name: 'Tom' },
];

const persistTo = await mkdtemp(join(tmpdir(), 'rebound-shots-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
await migrate(persistTo);
const token = await seedDemo({ persistTo, origins: [base] });
const server = await startWorker({ port, persistTo });
try {
  const login = await fetch(`${base}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  for (const s of SAMPLES) {
    const res = await fetch(`${base}/v1/sites/pk_demo/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, 'idempotency-key': randomUUID(), 'cf-connecting-ip': `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}` },
      body: JSON.stringify({ kind: 'review', subject: 'sku-kettle-01', rating: s.rating, title: s.title, body: s.body, author: { name: s.name }, meta: { elapsedMs: 60_000 } }),
    });
    const { id } = await res.json();
    await fetch(`${base}/v1/admin/submissions/${id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: base, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ decision: 'approve' }),
    });
  }
  const out = new URL('../docs/screenshots/', import.meta.url);
  await mkdir(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const lang of ['en', 'fa']) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await browser.newPage({ colorScheme, viewport: { width: 820, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(`${base}/demo/${lang === 'fa' ? 'fa.html' : ''}`);
      const widget = page.locator('rb-feedback');
      await widget.locator('[role="tab"]').first().waitFor();
      await widget.locator('[role="tab"]').first().click();
      await widget.locator('[part="form"]').waitFor();
      await widget.screenshot({ path: new URL(`widget-${lang}-${colorScheme}.png`, out).pathname });
      await page.close();
    }
  }
  await browser.close();
  console.log('screenshots written to docs/screenshots/');
} finally {
  server.stop();
  await rm(persistTo, { recursive: true, force: true });
}
