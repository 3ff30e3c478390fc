/**
 * Fixtures of the moderation-page browser tests: submissions made through the real public API
 * (as the widget would send them), logging in through the real page, and reading the staff
 * API with the page's own session cookie.
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SubmissionCreated, type SubmissionInput } from '../../shared/submission.ts';
import { AdminSubmissionsPage } from '../../shared/admin.ts';

/**
 * Posts a submission to `pk_demo` from the worker's own origin, which the demo site allows.
 * Each call presents itself as a different shopper (the rate limiter tells clients apart by
 * address and User-Agent), as twenty real shoppers would be.
 */
export async function submit(baseUrl: string, siteId: string, body: SubmissionInput): Promise<SubmissionCreated> {
  const res = await fetch(`${baseUrl}/v1/sites/${siteId}/submissions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: baseUrl,
      'idempotency-key': randomUUID(),
      'user-agent': `rebound-browser-test/${randomUUID()}`,
    },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (res.status !== 201) throw new Error(`submission refused: ${res.status} ${JSON.stringify(json)}`);
  return SubmissionCreated.parse(json);
}

/** A short marker that ties a test's submissions together, so its searches see only them. */
export function marker(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

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
