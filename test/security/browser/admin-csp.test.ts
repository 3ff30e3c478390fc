/**
 * The moderation page works under its own strict CSP (no inline script or style, Trusted Types
 * required, no framing): every view is opened after logging in and not one CSP violation is
 * reported, by event or in the console. And the page refuses to be framed.
 */
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, watchCspViolations, watchErrors } from '../../browser/browser.ts';
import { logIn } from '../../browser/admin-fixtures.ts';

const baseUrl = inject('baseUrl');
const staffToken = inject('staffToken');
const merchantOrigin = inject('merchantOrigin');
const browser = useBrowser();

describe('the moderation page under its CSP', () => {
  it('logs in and opens every view with no CSP violation', { timeout: 120_000 }, async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const violations = await watchCspViolations(page);
    const errors = watchErrors(page);
    const res = await page.goto(`${baseUrl}/admin/`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    await logIn(page, baseUrl, staffToken);
    for (const view of ['queue', 'cases', 'dashboard', 'settings', 'audit', 'data']) {
      await page.evaluate((h) => { location.hash = h; }, `#/${view}`);
      await page.locator(`rb-admin-${view}`).waitFor({ timeout: 15_000 });
      await page.waitForTimeout(400);
    }
    expect(violations).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Trusted Type|Refused to/i.test(e))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cannot be framed by another page', { timeout: 60_000 }, async () => {
    const context = await browser().newContext();
    await context.route(`${merchantOrigin}/frame`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><iframe id="f" src="${baseUrl}/admin/"></iframe>` }),
    );
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${merchantOrigin}/frame`);
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f.url().startsWith(`${baseUrl}/admin`));
    const loginInFrame = frame ? await frame.locator('rb-admin-login').count().catch(() => 0) : 0;
    expect(loginInFrame).toBe(0);
    expect(blocked.length).toBeGreaterThan(0);
    await context.close();
  });
});
