/**
 * Fixtures of the moderation-page browser tests: submissions made through the real public API
 * (as the widget would send them), logging in through the real page, and reading the staff
 * API with the page's own session cookie.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { AdminSubmissionsPage } from '../../shared/admin.ts';

// The same shoppers and markers as the widget's suites: each submission a distinct client.
export { marker, submitFromNode as submit } from './widget-fixtures.ts';

/** Opens the moderation page and logs in by keyboard alone: type the token, press Enter. */
export async function logIn(page: Page, baseUrl: string, token: string, lang?: 'en' | 'fa'): Promise<void> {
  await page.goto(`${baseUrl}/admin/${lang ? `?lang=${lang}` : ''}`);
  const field = page.locator('rb-admin-login input[name="token"]');
  await field.waitFor();
  await field.focus();
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.locator('rb-admin-queue').waitFor();
}

/** Reads the moderation queue through the staff API with the page's session cookie. */
export async function staffList(page: Page, query: string): Promise<AdminSubmissionsPage> {
  const json: unknown = await page.evaluate(async (q) => {
    const res = await fetch(`/v1/admin/submissions?${q}`, { credentials: 'same-origin' });
    return res.json();
  }, query);
  return AdminSubmissionsPage.parse(json);
}

/** Waits until the queue shows `count` items (the list re-renders after each request). */
export async function expectQueueLength(page: Page, count: number): Promise<void> {
  const shown = async () => {
    const alert = page.locator('rb-admin-queue [role="alert"]');
    // A refused decision puts its item back and says why: the reason makes a failure readable.
    const why = (await alert.count()) ? ` (page says: ${await alert.first().textContent()})` : '';
    return `${await page.locator('rb-admin-queue li[data-id]').count()}${why}`;
  };
  await expect.poll(shown, { timeout: 15_000 }).toBe(String(count));
}

/** All text under `locator`, including inside shadow roots (which `textContent` skips). */
export async function deepText(locator: Locator): Promise<string> {
  return locator.evaluate((root) => {
    const walk = (node: Node): string => {
      let text = '';
      if (node instanceof Element && node.shadowRoot) text += walk(node.shadowRoot);
      for (const child of Array.from(node.childNodes)) text += child.nodeType === Node.TEXT_NODE ? (child.textContent ?? '') : walk(child);
      return text;
    };
    return walk(root);
  });
}

/**
 * The merchant's webhook receiver on 127.0.0.1 (local development allows it): the
 * `case.resolved` event carries the re-rating link, the only link that opens the re-rating form.
 * The caller points the site's endpoint at `url`.
 */
export async function rerateReceiver(): Promise<{ url: string; linkFor: (ref: string) => Promise<string>; close: () => void }> {
  const hooks: { type?: string; data?: { ref?: string; rerateUrl?: string } }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        hooks.push(JSON.parse(body));
      } catch {
        // Not JSON: not a webhook of ours.
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const find = (ref: string) => hooks.find((h) => h.type === 'case.resolved' && h.data?.ref === ref)?.data?.rerateUrl;
  return {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
    async linkFor(ref) {
      await expect.poll(() => find(ref), { timeout: 60_000, interval: 500 }).toBeTruthy();
      return find(ref) ?? '';
    },
    close: () => receiver.close(),
  };
}
