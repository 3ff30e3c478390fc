/**
 * Global setup of the browser suite: real `wrangler dev` servers (local D1, Queues, cron), each
 * with its own database in a temporary directory, migrated and seeded with the demo site. Tests
 * get the base URL, the demo site's keys and a staff token through `inject()`.
 *
 * One server per worker slot: the browser files run in parallel (vitest.config.ts), and each
 * vitest worker slot (`VITEST_POOL_ID`, 1..maxWorkers; two files never hold the same slot at the
 * same time) talks only to its own server, so files that change site-wide settings or count what
 * they see in the queues never meet a file running beside them.
 *
 * The servers start in the background: vitest runs every project's global setup before any test,
 * and the browser files run last (their own group), so the start overlaps the other projects'
 * tests instead of delaying them. Each server's keys are written to `<dir>/server-<n>.json` when
 * it answers; `worker-server.ts` waits for its slot's file and points `inject()` at it, under the
 * same keys as ever, so a test file needs nothing special.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script shared with `npm start`; it has no type declarations
import { freePort, migrate, seedDemoKeys, startWorker } from '../../scripts/dev-server.mjs';

/** The made-up merchant origin that tests serve pages from through Playwright routing. */
export const MERCHANT_ORIGIN = 'http://merchant.test';

/** What a test file gets from `inject()`: one running server and the demo site's keys on it. */
export interface BrowserServer {
  baseUrl: string;
  siteId: string;
  staffToken: string;
  /** The demo site's secret key (`sk_...`), for server-to-server calls such as registering orders. */
  secretKey: string;
  merchantOrigin: string;
}

declare module 'vitest' {
  export interface ProvidedContext extends BrowserServer {
    /** Where the servers' keys appear (`server-<n>.json`, or `failed.txt`); for worker-server.ts. */
    browserServerDir: string;
    /** How many servers start; slot n uses server ((n - 1) mod count) + 1. */
    browserServerCount: number;
  }
}

interface Running {
  server: BrowserServer;
  stop: () => Promise<void>;
}

/**
 * Starts one server on a copy of `template` (a migrated database): each server gets its own
 * copy, seeded with its own origin, so nothing one file writes reaches another server.
 */
async function startOne(template: string, running: Running[]): Promise<BrowserServer> {
  const persistTo = await mkdtemp(join(tmpdir(), 'rebound-browser-'));
  const remove = () => rm(persistTo, { recursive: true, force: true });
  try {
    await cp(template, persistTo, { recursive: true });
    const port: number = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const keys: { staffToken: string; secretKey: string | null } = await seedDemoKeys({ persistTo, origins: [url, MERCHANT_ORIGIN] });
    const worker = await startWorker({ port, persistTo });
    const server = { baseUrl: url, siteId: 'pk_demo', staffToken: keys.staffToken, secretKey: keys.secretKey ?? '', merchantOrigin: MERCHANT_ORIGIN };
    running.push({ server, stop: async () => (worker.stop(), remove()) });
    return server;
  } catch (err) {
    await remove();
    throw err;
  }
}

/**
 * How many servers this run needs: one per worker slot, but no more than there are browser
 * files in the run (one, as when working on one test). That is enough because the browser
 * files run as their own group: a starting file takes the lowest free slot, so with k files no
 * slot above k is ever used.
 */
function serverCount(project: TestProject): number {
  const slots = Math.max(1, project.config.maxWorkers);
  // The run's files, when vitest exposes them (it collects their paths before global setup).
  const paths: string[] | undefined = (project.vitest.state as { getPaths?: () => string[] }).getPaths?.();
  const mine = paths?.filter((p) => project.matchesTestGlob(p)).length;
  return mine ? Math.min(slots, mine) : slots;
}

const MIGRATIONS = fileURLToPath(new URL('../../worker/migrations/', import.meta.url));
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/rebound-browser-d1/', import.meta.url));

/**
 * A migrated, empty database to copy, made once per set of migrations: applying them was most of
 * a server's start (19 s of 33 s, measured with the machine under load). It is kept under
 * node_modules/.cache, named by a hash of the migration files and the wrangler version, so a new
 * or changed migration makes a new one.
 */
async function migratedTemplate(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.parse(await readFile(fileURLToPath(new URL('../../node_modules/wrangler/package.json', import.meta.url)), 'utf8')).version);
  for (const name of (await readdir(MIGRATIONS)).sort()) hash.update(`\0${name}\0`).update(await readFile(join(MIGRATIONS, name)));
  const template = join(CACHE, hash.digest('hex').slice(0, 16));
  if (existsSync(template)) return template;
  await mkdir(CACHE, { recursive: true });
  const fresh = await mkdtemp(join(CACHE, 'new-'));
  await migrate(fresh).catch(async (err: unknown) => {
    await rm(fresh, { recursive: true, force: true });
    throw err;
  });
  // Renamed into place whole, so a run that starts meanwhile never copies half a database.
  await rename(fresh, template).catch(async () => {
    if (!existsSync(template)) throw new Error(`could not keep the migrated database in ${template}`);
    await rm(fresh, { recursive: true, force: true });
  });
  return template;
}

/** Starts `count` servers on copies of the migrated template, writing each one's keys to `dir` as it answers. */
async function startAll(dir: string, count: number, running: Running[]): Promise<void> {
  const template = await migratedTemplate();
  // Side by side: most of the rest is waiting for workerd.
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const server = await startOne(template, running);
      // Written whole, then renamed: a reader never sees half a file.
      await writeFile(join(dir, `server-${i + 1}.tmp`), JSON.stringify(server));
      await rename(join(dir, `server-${i + 1}.tmp`), join(dir, `server-${i + 1}.json`));
    }),
  );
}

export default async function setup(project: TestProject) {
  const count = serverCount(project);
  const dir = await mkdtemp(join(tmpdir(), 'rebound-browser-servers-'));
  const running: Running[] = [];
  const started = Date.now();
  const starting = startAll(dir, count, running).then(() => console.log(`browser suite: ${count} wrangler dev server(s) ready in ${Math.round((Date.now() - started) / 1000)} s`)).catch(async (err: unknown) => {
    // The test files' setup reads this and fails with it, rather than waiting out its timeout.
    await writeFile(join(dir, 'failed.txt'), err instanceof Error ? (err.stack ?? err.message) : String(err));
  });
  project.provide('browserServerDir', dir);
  project.provide('browserServerCount', count);
  // Known before any server answers; the rest is filled in per slot by worker-server.ts.
  project.provide('siteId', 'pk_demo');
  project.provide('merchantOrigin', MERCHANT_ORIGIN);
  return async () => {
    await starting;
    await Promise.all(running.map((r) => r.stop()));
    await rm(dir, { recursive: true, force: true });
  };
}
