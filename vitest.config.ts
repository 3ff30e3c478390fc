/**
 * One suite, four projects: the worker inside workerd with real D1 and Queues, pure logic in
 * Node, the widget's components in happy-dom, and end-to-end browser tests in Chromium against
 * a real `wrangler dev`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Nothing may call a remote service while testing.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';

/**
 * Browser files at a time, each with its own Chromium and `wrangler dev`. They mostly wait (for
 * the queue consumer, the widget's lazy chunk, polls), so three fit on two cores; measured in
 * test/README.md.
 */
const BROWSER_WORKERS = 3;

/**
 * The worker, unit and widget projects' group. Not 0: vitest runs group 0 projects limited to one
 * worker (its default on two cores) as a group of their own after every other group, which
 * would put the browser files first, before their servers (started in the background by
 * test/browser/server.ts) are up, instead of after.
 */
const FIRST = 1;

/**
 * Files at a time in that group. Vitest's default on two cores is one, which left the machine
 * mostly idle (load about 1.5) while workerd and happy-dom files waited on I/O.
 */
const FIRST_WORKERS = 2;

const migrations = await readD1Migrations(fileURLToPath(new URL('./worker/migrations', import.meta.url)));

/**
 * Reads what the simulated `send_email` binding wrote: miniflare stores each sent message's parts
 * as files named by its Message-ID under its temporary directory (`email/email-text/ID.txt`,
 * `email/email-html/ID.html`). Tests inside workerd cannot read the disk, so they ask this
 * Node-side service: `GET http://mailbox/<message id>` answers `{ text, html }` or 404.
 */
async function mailbox(request: Request): Promise<Response> {
  const id = decodeURIComponent(new URL(request.url).pathname.slice(1)).replace(/^<|>$/g, '');
  if (!/^[\w.@+-]+$/.test(id)) return new Response('bad id', { status: 400 });
  const dirs = (await readdir(tmpdir())).filter((d) => d.startsWith('miniflare-'));
  for (const dir of dirs) {
    const read = (part: string, ext: string) => readFile(join(tmpdir(), dir, 'email', part, `${id}.${ext}`), 'utf8').catch(() => null);
    const [text, html] = await Promise.all([read('email-text', 'txt'), read('email-html', 'html')]);
    if (text !== null || html !== null) return Response.json({ text, html });
  }
  return new Response('not found', { status: 404 });
}

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // DEMO and ALLOW_LOCAL_WEBHOOKS are local development's opt-ins (absent from
            // wrangler.toml); suites that check production behaviour call the app without them.
            miniflare: { bindings: { TEST_MIGRATIONS: migrations, DEMO: '1', ALLOW_LOCAL_WEBHOOKS: '1' }, serviceBindings: { MAILBOX: mailbox } },
          }),
        ],
        test: {
          name: 'worker',
          sequence: { groupOrder: FIRST },
          maxWorkers: FIRST_WORKERS,
          include: ['worker/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/security/**/*.test.ts'],
          exclude: ['test/security/browser/**', '**/node_modules/**'],
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      },
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: FIRST },
          maxWorkers: FIRST_WORKERS,
          environment: 'node',
          include: ['shared/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'test/structure/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'widget',
          sequence: { groupOrder: FIRST },
          maxWorkers: FIRST_WORKERS,
          environment: 'happy-dom',
          include: ['widget/**/*.test.ts', 'console/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts', 'test/security/browser/**/*.test.ts'],
          // One `wrangler dev` with its own database per worker slot (server.ts), and the
          // slot's server behind `inject()` (worker-server.ts): files run side by side and never
          // share a server, so none sees another's settings, rate limits or queue items.
          globalSetup: ['./test/browser/server.ts'],
          setupFiles: ['./test/browser/worker-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll waits this long for a page or the server unless a test says otherwise;
          // vitest's 1 s ran out on the loaded machine (test/README.md). Only the wait changes.
          expect: { poll: { timeout: 10_000 } },
          maxWorkers: BROWSER_WORKERS,
          // After the other projects, as its own group: a group has one worker count.
          sequence: { groupOrder: FIRST + 1 },
        },
      },
    ],
  },
});
