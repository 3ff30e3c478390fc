/**
 * One suite, four projects: the worker inside workerd with real D1 and Queues, pure logic in
 * Node, the widget's components in happy-dom, and end-to-end browser tests in Chromium against
 * a real `wrangler dev`.
 */
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Nothing may call a remote service while testing.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';

const migrations = await readD1Migrations(fileURLToPath(new URL('./worker/migrations', import.meta.url)));

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // DEMO and ALLOW_LOCAL_WEBHOOKS are local development's opt-ins (absent from
            // wrangler.toml); suites that check production behaviour call the app without them.
            miniflare: { bindings: { TEST_MIGRATIONS: migrations, DEMO: '1', ALLOW_LOCAL_WEBHOOKS: '1' } },
          }),
        ],
        test: {
          name: 'worker',
          include: ['worker/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/security/**/*.test.ts'],
          exclude: ['test/security/browser/**', '**/node_modules/**'],
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      },
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'widget',
          environment: 'happy-dom',
          include: ['widget/**/*.test.ts', 'console/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts', 'test/security/browser/**/*.test.ts'],
          globalSetup: ['./test/browser/server.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
