/**
 * A real `wrangler dev` for one bench part, with its own database under bench/tmp/ so runs
 * never touch the developer's `.wrangler/` state or each other.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { ROOT, freePort, migrate, seedDemo, startWorker } from '../../scripts/dev-server.mjs';

export const TMP = fileURLToPath(new URL('../tmp/', import.meta.url));
export const SITE = 'pk_demo';

/** A fresh, migrated persist directory. */
export async function freshState(label) {
  await mkdir(TMP, { recursive: true });
  const persistTo = await mkdtemp(join(TMP, `${label}-`));
  await migrate(persistTo);
  return persistTo;
}

/** The SQLite file that wrangler's local D1 keeps for the `DB` binding under `persistTo`. */
export function d1File(persistTo) {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const name = readdirSync(dir).find((n) => /^[0-9a-f]{64}\.sqlite$/.test(n));
  if (!name) throw new Error(`no D1 database under ${dir}`);
  return join(dir, name);
}

/** Opens the local D1 file directly, for bulk loads while no worker is running on it. */
export function openD1(persistTo) {
  const db = new DatabaseSync(d1File(persistTo));
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/**
 * Seeds the demo site with the bench's origins and returns a staff token. Uses `npm run site`'s
 * seeding when it exists; otherwise provisions the same site through the worker's own
 * `provisionSite` so the bench does not depend on the CLI being present.
 */
export async function seedSite(persistTo, origins) {
  if (existsSync(join(ROOT, 'scripts', 'site.mjs'))) return seedDemo({ persistTo, origins });
  const { provisionSite } = await import('../../worker/src/lib/provision.ts');
  const { keys, statements } = await provisionSite({ name: 'Demo Shop', origins, publicKey: SITE, nowMs: Date.now() });
  const db = openD1(persistTo);
  try {
    for (const s of statements) db.prepare(s.sql).run(...s.params);
  } finally {
    db.close();
  }
  return keys.staffToken;
}

let snapshot = null;

/**
 * A private copy of `dist/` for this bench run, taken once: another checkout's `npm run build`
 * empties and rewrites `dist/` (new chunk names), which would pull the widget out from under a
 * running measurement. Waits for a complete build (widget.js present) before copying.
 */
async function assetsSnapshot() {
  if (snapshot) return snapshot;
  const dist = join(ROOT, 'dist');
  const deadline = Date.now() + 120_000;
  for (;;) {
    while (!existsSync(join(dist, 'widget.js')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
    const target = join(TMP, `dist-${process.pid}`);
    await rm(target, { recursive: true, force: true });
    try {
      await cp(dist, target, { recursive: true });
      if (existsSync(join(target, 'widget.js'))) return (snapshot = target);
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Starts wrangler dev on a free port over `persistTo`, serving this run's copy of `dist/`. */
export async function runWorker(persistTo) {
  const assets = await assetsSnapshot();
  return startWorker({ port: await freePort(), persistTo, assets, timeoutMs: 120_000 });
}

/** Removes this run's copy of `dist/`. */
export async function removeSnapshot() {
  if (snapshot) await rm(snapshot, { recursive: true, force: true });
  snapshot = null;
}

export async function removeState(persistTo) {
  if (process.env.BENCH_KEEP_STATE) return;
  await rm(persistTo, { recursive: true, force: true });
}

/** Signs in to the console with a staff token, as the browser would; answers the session cookie. */
export async function staffLogin(url, token) {
  const res = await fetch(`${url}/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token }),
  });
  if (!res.ok) throw new Error(`staff login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error('staff login set no cookie');
  return cookie;
}
