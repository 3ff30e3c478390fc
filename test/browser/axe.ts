/**
 * axe-core in the browser suites: the console's pages without their CSP (only so the script can
 * be injected; suites check the CSP on their own), and the violations of the WCAG 2.1 A/AA and
 * best-practice rules as readable lines (an empty list is clean).
 */
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

/** The console pages (`/admin…`, of `origin` when given) served without their CSP header. */
export async function withoutCsp(context: BrowserContext, origin?: string): Promise<void> {
  await context.route(
    (url) => (origin === undefined || url.origin === origin) && url.pathname.startsWith('/admin'),
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    },
  );
}

/** Runs axe on the page: one line per violation, with its impact and the nodes it found. */
export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result: { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> } = await page.evaluate(async () => {
    const axeGlobal: unknown = Reflect.get(window, 'axe');
    const run: unknown = axeGlobal && Reflect.get(axeGlobal, 'run');
    if (typeof run !== 'function') throw new Error('axe did not load');
    return Reflect.apply(run, axeGlobal, [{ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }]);
  });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}
