/**
 * Support staff triage a mixed queue with the keyboard alone: log in, search, move with j/k,
 * approve (a), reject with a reason (r), mark spam (s), select (x) and decide in bulk, undo (u),
 * and read the help (?). The server's state is checked afterwards through the staff API.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SubmissionInput } from '../../shared/submission.ts';
import { launch, watchErrors } from './browser.ts';
import { expectQueueLength, logIn, marker, staffList, submit } from './admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const siteId = inject('siteId');
const staffToken = inject('staffToken');

let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function mixed(tag: string, i: number): SubmissionInput {
  const body = `Item ${i} ${tag} — the kettle arrived and works fine`;
  switch (i % 3) {
    case 0:
      return { kind: 'review', rating: (i % 5) + 1, body, author: { name: `Reviewer ${i}`, email: `r${i}@example.com` }, subject: 'sku-kettle-01' };
    case 1:
      // Complaints are worked as cases and never approved (case-workflow.test.ts), so the
      // publishable kinds make up the approve/reject/spam mix here.
      return { kind: 'story', feeling: 4, body, author: { name: `Teller ${i}` } };
    default:
      return { kind: 'story', body, author: { name: `Teller ${i}` } };
  }
}

async function key(k: string) {
  await page.keyboard.press(k);
}

describe('keyboard triage', () => {
  it('triages twenty mixed items by keyboard alone', async () => {
    const tag = marker('triage');
    for (let i = 0; i < 20; i += 1) await submit(baseUrl, siteId, mixed(tag, i));

    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    page = await context.newPage();
    errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);

    // Search by keyboard: Tab to the search box would work too; the field takes focus directly.
    await page.locator('rb-admin-queue input[name="q"]').focus();
    await page.keyboard.type(tag);
    await key('Enter');
    await expectQueueLength(page, 20);
    await page.locator('rb-admin-queue li[data-id]').first().focus();

    // The help overlay opens with ? and closes with Escape.
    await key('?');
    await expect.poll(() => page.locator('rb-admin-queue dialog#help').evaluate((d) => d instanceof HTMLDialogElement && d.open)).toBe(true);
    await key('Escape');
    await expect.poll(() => page.locator('rb-admin-queue dialog#help').evaluate((d) => d instanceof HTMLDialogElement && d.open)).toBe(false);

    // j and k move the cursor.
    const currentId = () => page.locator('rb-admin-queue li[aria-current="true"]').getAttribute('data-id');
    const first = await currentId();
    await key('j');
    await key('j');
    await key('k');
    const second = await currentId();
    expect(second).not.toBe(first);
    await key('k');
    expect(await currentId()).toBe(first);

    // 5 approvals, then undo one (it comes back under the cursor), then approve it again.
    for (let i = 0; i < 5; i += 1) await key('a');
    await expectQueueLength(page, 15);
    await key('u');
    await expectQueueLength(page, 16);
    await key('a');
    await expectQueueLength(page, 15);

    // 4 rejections, each with a reason typed into the dialog and sent with Enter.
    for (let i = 0; i < 4; i += 1) {
      await key('r');
      const reason = page.locator('rb-admin-queue dialog#reject input[name="reason"]');
      await expect.poll(() => reason.evaluate((el) => el === el.getRootNode().activeElement || el.matches(':focus'))).toBe(true);
      await page.keyboard.type(`off-topic ${i}`);
      await key('Enter');
    }
    await expectQueueLength(page, 11);

    // 3 marked as spam.
    for (let i = 0; i < 3; i += 1) await key('s');
    await expectQueueLength(page, 8);

    // The remaining 8: select 4 with x (moving with j), approve them in bulk, then spam the rest in bulk.
    for (let i = 0; i < 4; i += 1) {
      await key('x');
      await key('j');
    }
    await expect.poll(() => page.locator('rb-admin-queue li[data-id] input[type="checkbox"]:checked').count()).toBe(4);
    await key('a');
    await expectQueueLength(page, 4);
    for (let i = 0; i < 4; i += 1) {
      await key('x');
      await key('j');
    }
    await key('s');
    await expectQueueLength(page, 0);

    const count = async (status: string) => (await staffList(page, `status=${status}&q=${tag}&limit=50`)).items.length;
    await expect.poll(() => count('pending'), { timeout: 15_000 }).toBe(0);
    expect(await count('published')).toBe(9);
    expect(await count('rejected')).toBe(4);
    expect(await count('spam')).toBe(7);
    const rejected = await staffList(page, `status=rejected&q=${tag}&limit=50`);
    expect(rejected.items.map((i) => i.decisionReason).sort()).toEqual(['off-topic 0', 'off-topic 1', 'off-topic 2', 'off-topic 3']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows why an item was held, with the private contact details', async () => {
    const tag = marker('why');
    await submit(baseUrl, siteId, {
      kind: 'complaint',
      category: 'product',
      body: `${tag} see https://spam.example/deal and www.example.org for more`,
      author: { name: 'Held Person', email: 'held@example.com' },
      orderRef: 'ORD-77',
    });
    const context = await browser.newContext();
    page = await context.newPage();
    errors = watchErrors(page);
    await logIn(page, baseUrl, staffToken);
    await page.locator('rb-admin-queue input[name="q"]').fill(tag);
    await key('Enter');
    await expectQueueLength(page, 1);
    const item = page.locator('rb-admin-queue rb-admin-item');
    await expect.poll(() => item.locator('.flag').allTextContents()).toContain('Links');
    expect(await item.locator('.why').textContent()).toContain('web addresses');
    expect(await item.locator('.contact').textContent()).toContain('held@example.com');
    expect(await item.locator('.contact').textContent()).toContain('ORD-77');
    expect(errors).toEqual([]);
    await context.close();
  });
});
