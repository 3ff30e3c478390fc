/**
 * Global setup of the browser suite: a real `wrangler dev` (local D1, Queues, cron) with its own
 * database in a temporary directory, migrated and seeded with the demo site. Tests get the base
 * URL, the demo site's key and a staff token through `inject()`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script shared with `npm start`; it has no type declarations
import { freePort, migrate, seedDemoKeys, startWorker } from '../../scripts/dev-server.mjs';

/** The made-up merchant origin that tests serve pages from through Playwright routing. */
export const MERCHANT_ORIGIN = 'http://merchant.test';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    siteId: string;
    staffToken: string;
    /** The demo site's secret key (`sk_...`), for server-to-server calls such as registering orders. */
    secretKey: string;
    merchantOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  const persistTo = await mkdtemp(join(tmpdir(), 'rebound-browser-'));
  const port: number = await freePort();
  const url = `http://127.0.0.1:${port}`;
  await migrate(persistTo);
  const keys: { staffToken: string; secretKey: string | null } = await seedDemoKeys({ persistTo, origins: [url, MERCHANT_ORIGIN] });
  const staffToken = keys.staffToken;
  const server = await startWorker({ port, persistTo });
  project.provide('baseUrl', url);
  project.provide('siteId', 'pk_demo');
  project.provide('staffToken', staffToken);
  project.provide('secretKey', keys.secretKey ?? '');
  project.provide('merchantOrigin', MERCHANT_ORIGIN);
  return async () => {
    server.stop();
    await rm(persistTo, { recursive: true, force: true });
  };
}
