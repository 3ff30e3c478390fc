/**
 * Setup file of the browser project (runs in the test's worker before the test file): waits for
 * this worker slot's own `wrangler dev` (server.ts starts one per slot, in the background) and
 * points `inject('baseUrl')` and the other server keys at it.
 *
 * Vitest has no per-worker `provide`, so this writes into the worker's copy of the provided
 * context, which is what `inject()` reads; it fails loudly if that ever moves, rather than
 * letting files run against no server or share one unnoticed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { BrowserServer } from './server.ts';

/** Starting three servers on a busy two-core machine took up to ~3 min (test/README.md). */
const WAIT_MS = 360_000;

const dir = inject('browserServerDir');
const count = inject('browserServerCount');
if (!dir || !count) throw new Error('worker-server: the browser global setup (test/browser/server.ts) did not run');
const slot = Number(process.env.VITEST_POOL_ID ?? '1');
const file = join(dir, `server-${((slot - 1) % count) + 1}.json`);

async function waitForServer(): Promise<BrowserServer> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const failed = await readFile(join(dir, 'failed.txt'), 'utf8').catch(() => null);
    if (failed !== null) throw new Error(`the browser suite's wrangler dev did not start:\n${failed}`);
    const json = await readFile(file, 'utf8').catch(() => null);
    if (json !== null) return JSON.parse(json) as BrowserServer;
    if (Date.now() > deadline) throw new Error(`worker-server: no server in ${file} after ${WAIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const server = await waitForServer();
const provided = (globalThis as { __vitest_worker__?: { providedContext?: Record<string, unknown> } }).__vitest_worker__?.providedContext;
if (!provided || provided.browserServerDir !== dir) throw new Error('worker-server: cannot reach the worker state that inject() reads; has vitest changed?');
Object.assign(provided, server);
if (inject('baseUrl') !== server.baseUrl) throw new Error('worker-server: inject() does not see the slot server');
